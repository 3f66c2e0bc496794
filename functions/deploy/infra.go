package deploy

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Index is a composite index of infra/firestore.indexes.json.
type Index struct {
	CollectionGroup string `json:"collectionGroup"`
	QueryScope      string `json:"queryScope"`
	Fields          []struct {
		FieldPath   string `json:"fieldPath"`
		Order       string `json:"order,omitempty"`
		ArrayConfig string `json:"arrayConfig,omitempty"`
	} `json:"fields"`
}

func (ix Index) createArgs() []string {
	args := []string{"firestore", "indexes", "composite", "create", "--collection-group=" + ix.CollectionGroup,
		"--query-scope=" + strings.ToLower(ix.QueryScope)}
	for _, f := range ix.Fields {
		if f.ArrayConfig != "" {
			args = append(args, "--field-config=field-path="+f.FieldPath+",array-config="+strings.ToLower(f.ArrayConfig))
		} else {
			args = append(args, "--field-config=field-path="+f.FieldPath+",order="+strings.ToLower(f.Order))
		}
	}
	return append(args, "--async")
}

// Exemption is a field of infra/firestore.indexes.json's fieldOverrides that Firestore gives no
// single-field index: no query needs one (a composite index it is in stays), and indexing it
// would cost every write (a match's data, a session's document) or make a hotspot (timestamps
// written in increasing order).
type Exemption struct {
	CollectionGroup string            `json:"collectionGroup"`
	FieldPath       string            `json:"fieldPath"`
	Indexes         []json.RawMessage `json:"indexes"`
}

// TTLPolicy is a field Firestore deletes documents by (infra/firestore.ttl.json).
type TTLPolicy struct {
	CollectionGroup string `json:"collectionGroup"`
	Field           string `json:"field"`
}

// LoadInfra reads the deploy's inputs from the infra folder dir.
func LoadInfra(dir string) (Infra, error) {
	var indexes struct {
		Indexes        []Index     `json:"indexes"`
		FieldOverrides []Exemption `json:"fieldOverrides"`
	}
	var ttl struct {
		TTLPolicies []TTLPolicy `json:"ttlPolicies"`
	}
	for file, into := range map[string]any{"firestore.indexes.json": &indexes, "firestore.ttl.json": &ttl} {
		raw, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			return Infra{}, err
		}
		if err := json.Unmarshal(raw, into); err != nil {
			return Infra{}, fmt.Errorf("%s: %w", file, err)
		}
	}
	for _, f := range indexes.FieldOverrides {
		if len(f.Indexes) > 0 {
			return Infra{}, fmt.Errorf("firestore.indexes.json: the override of %s.%s lists indexes; the deploy makes only exemptions (\"indexes\": [])",
				f.CollectionGroup, f.FieldPath)
		}
	}
	return Infra{Indexes: indexes.Indexes, Exemptions: indexes.FieldOverrides, TTLPolicies: ttl.TTLPolicies,
		RulesConfig: filepath.Join(dir, "firebase.json")}, nil
}
