package main

import (
	"context"
)

func (a *app) cmdStart(ctx context.Context, args []string) error {
	return usageErr("not yet")
}
