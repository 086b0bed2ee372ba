package learner

import (
	"context"
	"fmt"

	"github.com/asynclings/asynclings/cmd/internal/base"
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

func StatusOf(p map[string]store.ItemProgress, id string) engine.Status {
	return learn.Progress(p).Status(id)
}

func (a *app) cmdList(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return base.UsageErr("list takes no arguments")
	}
	if err := a.Open(ctx); err != nil {
		return err
	}
	prog, err := a.Store.Progress(ctx, a.UserName, a.Course.ID)
	if err != nil {
		return err
	}
	chapters := make([]listChapter, 0, len(a.Course.Chapters))
	for _, ch := range a.Course.Chapters {
		lc := listChapter{ID: ch.ID, Title: ch.Title, Book: ch.Book, Items: []listItem{}}
		for _, it := range ch.Items() {
			lc.Items = append(lc.Items, listItem{
				ID: it.ItemID(), Kind: it.ItemKind(), Type: itemType(it),
				Title: it.ItemTitle(), Status: StatusOf(prog, it.ItemID()),
			})
		}
		chapters = append(chapters, lc)
	}
	if a.JSON {
		return a.WriteJSON(chapters)
	}
	for _, ch := range chapters {
		fmt.Fprintf(a.Stdout, "%s  (%s)\n", ch.Title, ch.ID)
		for _, it := range ch.Items {
			fmt.Fprintf(a.Stdout, "  %s %-38s %-14s %s\n", statusMark(it.Status), it.ID, it.Type, it.Title)
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
