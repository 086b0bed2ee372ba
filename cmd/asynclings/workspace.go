package main

import "github.com/asynclings/asynclings/engine/workspace"

// openWorkspace opens the learner's workspace (see engine/workspace). The
// caller closes it.
func (a *app) openWorkspace() (*workspace.Workspace, error) {
	dir, err := a.workspaceDir()
	if err != nil {
		return nil, err
	}
	return workspace.Open(dir)
}
