package store

import (
	"context"
	"database/sql"
	"fmt"

	"erikti/internal/domain"
	"erikti/internal/images"
)

// The certificate's marks (migration 0027): the images of the Front Office's seal and of its
// signatory's signature, drawn on every certificate rendered after they are set.

// SetCertificateMark makes set, with its alternative text, the certificate's mark kind
// (domain.MarkSeal or MarkSignature), in one transaction: it locks the mark's row, stores the
// image (putImage: Invalid naming "alt" without an alternative text), points the row at it,
// removes the image it replaces with its files, and writes the audit entry "certificate.mark".
func (s *Store) SetCertificateMark(ctx context.Context, actorID int64, kind string, set images.Set, alt domain.Text) (domain.Image, error) {
	return s.setCertificateMark(ctx, actorID, kind, &set, alt)
}

// RemoveCertificateMark removes the certificate's mark kind and its image (nothing when it has none).
func (s *Store) RemoveCertificateMark(ctx context.Context, actorID int64, kind string) error {
	_, err := s.setCertificateMark(ctx, actorID, kind, nil, domain.Text{})
	return err
}

func (s *Store) setCertificateMark(ctx context.Context, actorID int64, kind string, set *images.Set, alt domain.Text) (domain.Image, error) {
	if !domain.IsMark(kind) {
		return domain.Image{}, domain.FieldErr(domain.NotFound, "kind", "cert.mark_unknown", nil)
	}
	var im domain.Image
	err := s.write(ctx, func(tx *Tx) error {
		var old sql.NullInt64
		if err := tx.QueryRow(`SELECT image_id FROM certificate_marks WHERE kind = ?`+tx.forUpdate(""), kind).Scan(&old); err != nil {
			return fmt.Errorf("store: certificate mark %s: %w", kind, err)
		}
		if set == nil && !old.Valid {
			return nil
		}
		var newID, at any // NULL when removing
		if set != nil {
			var err error
			if im, err = s.putImage(tx, *set, alt); err != nil {
				return err
			}
			newID, at = im.ID, unix(s.now())
		}
		if _, err := tx.Exec(`UPDATE certificate_marks SET image_id = ?, set_at = ? WHERE kind = ?`, newID, at, kind); err != nil {
			return fmt.Errorf("store: set certificate mark %s: %w", kind, err)
		}
		if old.Valid {
			if err := deleteImage(tx, old.Int64); err != nil {
				return err
			}
		}
		return s.audit(tx, actorID, "certificate.mark", "certificate_mark", 0, map[string]any{"kind": kind, "hash": im.Hash})
	})
	return im, err
}

// CertificateMarks returns the certificate's marks that are set, by kind: each image and the data
// of its widest file, which is what the PDF draws.
func (s *Store) CertificateMarks(ctx context.Context) (map[string]domain.Image, map[string][]byte, error) {
	rows, err := s.read(ctx).Query(`SELECT m.kind, i.id, i.hash, i.format, i.width, i.height, i.alt_kk, i.alt_ru, i.alt_en, f.data
		FROM certificate_marks m JOIN images i ON i.id = m.image_id JOIN image_files f ON f.hash = i.hash AND f.width = i.width`)
	if err != nil {
		return nil, nil, fmt.Errorf("store: certificate marks: %w", err)
	}
	defer rows.Close()
	marks, data := map[string]domain.Image{}, map[string][]byte{}
	for rows.Next() {
		var kind string
		var im domain.Image
		var file []byte
		if err := rows.Scan(&kind, &im.ID, &im.Hash, &im.Format, &im.Width, &im.Height, &im.Alt.KK, &im.Alt.RU, &im.Alt.EN, &file); err != nil {
			return nil, nil, fmt.Errorf("store: certificate marks: %w", err)
		}
		marks[kind], data[kind] = im, file
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("store: certificate marks: %w", err)
	}
	return marks, data, nil
}
