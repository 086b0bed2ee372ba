package instructor

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/engine/report"
	"github.com/asynclings/asynclings/pages"
)

var (
	reportAssignment string
	reportOut        string
)

func ReportFlags(fs *flag.FlagSet) {
	fs.StringVar(&reportAssignment, "assignment", "", "the graded assignment ID")
	fs.StringVar(&reportOut, "out", "", "the directory to write index.html in")
	fs.StringVar(&reportOut, "o", "", "same as --out")
}

// cmdReport writes the class dashboard of a graded assignment.
func (a *app) cmdReport(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return base.UsageErr("report takes no arguments: report --assignment ID --out DIR")
	}
	if reportAssignment == "" || reportOut == "" {
		return base.UsageErr("report needs --assignment ID and --out DIR")
	}
	if err := a.Open(ctx); err != nil {
		return err
	}
	subs, err := a.Store.Gradebook(ctx, reportAssignment)
	if err != nil {
		return &base.ExitError{Code: 2, Err: err}
	}
	if len(subs) == 0 {
		return a.noGrades(ctx, reportAssignment)
	}
	rows := rowsOf(subs)
	if err := os.MkdirAll(reportOut, 0o755); err != nil {
		return &base.ExitError{Code: 2, Err: err}
	}
	file := filepath.Join(reportOut, "index.html")
	if err := homework.WriteFileAtomic(file, func(w io.Writer) error { return pages.Dashboard(w, a.Course, rows) }); err != nil {
		return &base.ExitError{Code: 2, Err: fmt.Errorf("report %s: %w", reportAssignment, err)}
	}
	cl := report.ClassStats(a.Course, rows)
	fmt.Fprintf(a.Stdout, "Wrote the dashboard of %s (%s, %s) to %s.\n", reportAssignment, base.Plural(cl.Students, "student"), base.Plural(len(cl.Items), "item"), file)
	var flagged []string
	for _, it := range cl.Items {
		if len(it.Flags) > 0 {
			flagged = append(flagged, it.ID)
		}
	}
	if len(flagged) > 0 {
		fmt.Fprintf(a.Stdout, "Items that look broken (%d): %s.\n", len(flagged), strings.Join(flagged, ", "))
	}
	return nil
}

// noGrades says why there is nothing to report: an empty gradebook, or an
// assignment it does not have (with the ones it has).
func (a *app) noGrades(ctx context.Context, assignmentID string) error {
	all, err := a.Store.Gradebook(ctx, "")
	if err != nil {
		return &base.ExitError{Code: 2, Err: err}
	}
	if len(all) == 0 {
		return &base.ExitError{Code: 1, Err: fmt.Errorf("the gradebook in %s is empty: asynclings grade ASSIGNMENT.toml BUNDLES... grades bundles into it", a.DBPath)}
	}
	var ids []string
	for _, s := range all {
		if !slices.Contains(ids, s.Assignment.ID) {
			ids = append(ids, s.Assignment.ID)
		}
	}
	return &base.ExitError{Code: 1, Err: fmt.Errorf("no grades for assignment %q in %s%s (it has %s)",
		assignmentID, a.DBPath, base.DidYouMean(assignmentID, ids), strings.Join(ids, ", "))}
}
