package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
)

// Exercise code in the gradebook (migration 8): what each graded bundle
// submitted for each exercise, so that the class's code can be compared
// (asynclings similarity) long after the bundles are gone. One row per
// file; file is "" for the learner's file of the exercise, else the name
// of an editable support file.

func validateCode(it ItemGrade) error {
	for name := range it.Files {
		if name == "" {
			return fmt.Errorf("item %q: a support file with no name", it.ItemID)
		}
	}
	return nil
}

// insertCode records an item's code, in the transaction of its grade.
func insertCode(ctx context.Context, tx *sql.Tx, submission int64, it ItemGrade) error {
	files := map[string]string{}
	maps.Copy(files, it.Files)
	if it.Code != "" {
		files[""] = it.Code
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO item_code (submission_id, item_id, file, code) VALUES (?, ?, ?, ?)`,
			submission, it.ItemID, name, files[name]); err != nil {
			return err
		}
	}
	return nil
}

// readCode fills the Code and Files of subs' items, read by submissions
// with the same where. Rows of a submission are written with it and never
// change, so a grading recorded since the first statement only brings rows
// that are not wanted here.
func (s *Store) readCode(ctx context.Context, subs []Submission, where string, args ...any) error {
	at := map[int64]int{}
	for i, sub := range subs {
		at[sub.ID] = i
	}
	rows, err := s.db.QueryContext(ctx, `
SELECT c.submission_id, c.item_id, c.file, c.code
FROM item_code c JOIN submissions s ON s.id = c.submission_id
WHERE `+where, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var item, file, code string
		if err := rows.Scan(&id, &item, &file, &code); err != nil {
			return err
		}
		i, ok := at[id]
		if !ok {
			continue
		}
		j := slices.IndexFunc(subs[i].Items, func(it ItemGrade) bool { return it.ItemID == item })
		if j < 0 {
			return errors.New("code of an item that has no grade") // the foreign key forbids it
		}
		it := &subs[i].Items[j]
		switch {
		case file == "":
			it.Code = code
		case it.Files == nil:
			it.Files = map[string]string{file: code}
		default:
			it.Files[file] = code
		}
	}
	return rows.Err()
}
