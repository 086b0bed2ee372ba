package runner

import (
	"context"
	"reflect"
	"testing"

	"github.com/asynclings/asynclings/engine"
)

func TestWarmPlan(t *testing.T) {
	ex := func(race bool, starter, test string) *engine.Exercise {
		return &engine.Exercise{Race: race, Starter: starter, Test: test}
	}
	exs := []*engine.Exercise{
		ex(true, "package a\n\nimport \"sync\"\n", "package a\n\nimport (\n\t\"testing\"\n\t\"time\"\n)\n"),
		ex(false, "package b\n\nimport \"fmt\"\n", "package b\n\nimport \"testing\"\n"),
		ex(true, "package c\n\nimport (\n\t\"context\"\n\t\"sync\"\n)\n", "package c_test\n\nimport (\n\t\"exercise\"\n\t\"testing\"\n)\n"),
	}
	exs[1].Support = []engine.SupportFile{{Name: "s.go", Code: "package b\n\nimport \"strings\"\n"}}
	got := WarmPlan(exs)
	want := []WarmStep{
		{Race: true, Packages: []string{"sync", "testing", "time"}},
		{Race: true, Packages: []string{"context", "exercise", "sync", "testing", "time"}},
		{Race: false, Packages: []string{"fmt", "strings", "testing"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("WarmPlan = %+v\nwant %+v", got, want)
	}
	if WarmPlan(nil) != nil {
		t.Error("WarmPlan(nil) is not empty")
	}
}

func TestWarmForIsWarmed(t *testing.T) {
	r := typedRunner(t)
	plan := []WarmStep{{Race: false, Packages: []string{"fmt", "exercise", "C", "unsafe", "../x", "sync"}}}
	if err := r.WarmFor(context.Background(), plan, nil); err != nil {
		t.Fatal(err)
	}
	if !r.WarmedFor(plan) {
		t.Error("not warmed after WarmFor")
	}
	if _, running := r.WarmStatus(); running {
		t.Error("a warm-up is said to run after it finished")
	}
}
