package base

import "github.com/asynclings/asynclings/engine/workspace"

// OpenWorkspace opens the learner's workspace (see engine/workspace). The
// caller closes it.
func (a *App) OpenWorkspace() (*workspace.Workspace, error) {
	dir, err := a.WorkspaceDir()
	if err != nil {
		return nil, err
	}
	return workspace.Open(dir)
}
