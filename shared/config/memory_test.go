package config

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMemoryBytes(t *testing.T) {
	cases := []struct {
		name, value string
		want        int64
		wantErr     string
	}{
		{name: "default", want: DefaultMemoryBytes},
		{name: "set", value: "268435456", want: 256 << 20},
		{name: "too small", value: "1048576", wantErr: "at least 8 MiB"},
		{name: "not a number", value: "64MiB", wantErr: "OPENPLAY_MEMORY_BYTES"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := parse(env(map[string]string{"OPENPLAY_MEMORY_BYTES": c.value}))
			if c.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), c.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, got.Memory())
		})
	}
}
