package sessions

import (
	"net/http"
	"slices"

	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/session"
)

// ListTemplates serves GET /serviceconfigs/{scid}/sessionTemplates: the service config's
// templates by name, as {"results": [{"name", "contractVersion"}]}.
func (h *Handlers) ListTemplates(w http.ResponseWriter, r *http.Request) {
	scid := r.PathValue("scid")
	err := contract(r)
	if err == nil {
		err = session.CheckSCID(scid)
	}
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	names, err := h.svc.Store.TemplateNames(r.Context(), scid)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	slices.Sort(names)
	results := make([]map[string]any, 0, len(names))
	for _, name := range names {
		results = append(results, map[string]any{"name": name, "contractVersion": session.ContractVersion})
	}
	httpapi.WriteJSON(w, r, http.StatusOK, map[string]any{"results": results})
}

// GetTemplate serves GET /serviceconfigs/{scid}/sessionTemplates/{template}.
func (h *Handlers) GetTemplate(w http.ResponseWriter, r *http.Request) {
	scid, name := r.PathValue("scid"), r.PathValue("template")
	err := contract(r)
	if err == nil {
		err = session.CheckSCID(scid)
	}
	if err == nil {
		err = session.CheckName(name, "template")
	}
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	t, err := h.svc.Store.Template(r.Context(), scid, name)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	httpapi.WriteJSON(w, r, http.StatusOK, t.Render())
}
