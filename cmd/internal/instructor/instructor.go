// Package instructor holds the instructor's homework commands: grade,
// gradebook, feedback, report, roster and similarity.
package instructor

import "github.com/asynclings/asynclings/cmd/internal/base"

// app is the run, with this package's commands as its methods.
type app struct{ *base.App }

// The commands' Run, for the command table.
var (
	Grade      = base.Method((*app).cmdGrade)
	Gradebook  = base.Method((*app).cmdGradebook)
	Feedback   = base.Method((*app).cmdFeedback)
	Roster     = base.Method((*app).cmdRoster)
	Report     = base.Method((*app).cmdReport)
	Similarity = base.Method((*app).cmdSimilarity)
)
