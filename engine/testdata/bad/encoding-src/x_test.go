package x

import "testing"

func TestF(t *testing.T) { F() }
