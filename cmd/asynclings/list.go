package main

import (
	"context"
	"fmt"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/learn"
	"github.com/asynclings/asynclings/store"
)

type listItem struct {
	ID     string        `json:"id"`
	Kind   engine.Kind   `json:"kind"`
	Type   string        `json:"type"`
	Title  string        `json:"title"`
	Status engine.Status `json:"status"`
}

type listChapter struct {
	ID    string     `json:"id"`
	Title string     `json:"title"`
	Book  string     `json:"book,omitempty"`
	Items []listItem `json:"items"`
}

func itemType(it engine.Item) string {
	if q, ok := it.(*engine.Question); ok {
		return string(q.Type)
	}
	return "Go"
}

func statusOf(p map[string]store.ItemProgress, id string) engine.Status {
	return learn.Progress(p).Status(id)
}

func (a *app) cmdList(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usageErr("list takes no arguments")
	}
	if err := a.open(ctx); err != nil {
		return err
	}
	prog, err := a.store.Progress(ctx, a.userName, a.course.ID)
	if err != nil {
		return err
	}
	chapters := make([]listChapter, 0, len(a.course.Chapters))
	for _, ch := range a.course.Chapters {
		lc := listChapter{ID: ch.ID, Title: ch.Title, Book: ch.Book, Items: []listItem{}}
		for _, it := range ch.Items() {
			lc.Items = append(lc.Items, listItem{
				ID: it.ItemID(), Kind: it.ItemKind(), Type: itemType(it),
				Title: it.ItemTitle(), Status: statusOf(prog, it.ItemID()),
			})
		}
		chapters = append(chapters, lc)
	}
	if a.json {
		return a.writeJSON(chapters)
	}
	for _, ch := range chapters {
		fmt.Fprintf(a.stdout, "%s  (%s)\n", ch.Title, ch.ID)
		for _, it := range ch.Items {
			fmt.Fprintf(a.stdout, "  %s %-38s %-14s %s\n", statusMark(it.Status), it.ID, it.Type, it.Title)
		}
	}
	return nil
}

func statusMark(s engine.Status) string {
	switch s {
	case engine.StatusDone:
		return "[x]"
	case engine.StatusTried:
		return "[~]"
	case engine.StatusGivenUp:
		return "[-]"
	}
	return "[ ]"
}
