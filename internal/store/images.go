package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"erikti/internal/domain"
	"erikti/internal/images"
)

// Images live in the database (migration 0026): image_files holds the files erikti made of an
// upload (images.Process), one a width, under the hash of the set; images is one use of a set with
// its alternative text. An organization's logo_id and an event's cover_id point at an image row.
// Every setter here runs in one transaction, so that a refused or failed upload leaves nothing.

const imageColumns = `id, hash, format, width, height, alt_kk, alt_ru, alt_en`

func scanImage(row interface{ Scan(...any) error }) (domain.Image, error) {
	var im domain.Image
	err := row.Scan(&im.ID, &im.Hash, &im.Format, &im.Width, &im.Height, &im.Alt.KK, &im.Alt.RU, &im.Alt.EN)
	return im, err
}

func imageByID(q queryer, id int64) (domain.Image, error) {
	im, err := scanImage(q.QueryRow(`SELECT `+imageColumns+` FROM images WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return im, domain.Errorf(domain.NotFound, "not_found.image", nil)
	}
	if err != nil {
		return im, fmt.Errorf("store: image %d: %w", id, err)
	}
	return im, nil
}

// Image returns the image with id.
func (s *Store) Image(ctx context.Context, id int64) (domain.Image, error) {
	return imageByID(s.read(ctx), id)
}

// ImageFile returns the file of the image set named hash at width, and its format ("jpeg" or
// "png"), for serving; NotFound when no image uses that set or the set has no such width.
func (s *Store) ImageFile(ctx context.Context, hash string, width int) (data []byte, format string, err error) {
	err = s.read(ctx).QueryRow(`SELECT f.data, i.format FROM image_files f JOIN images i ON i.hash = f.hash
		WHERE f.hash = ? AND f.width = ? LIMIT 1`, hash, width).Scan(&data, &format)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", domain.Errorf(domain.NotFound, "not_found.image", nil)
	}
	if err != nil {
		return nil, "", fmt.Errorf("store: image file %s at %d: %w", hash, width, err)
	}
	return data, format, nil
}

// PutImage stores a processed set with its alternative text as a new image, not yet used by
// anything, and returns it; for pictures that are neither a logo nor a cover (a certificate's seal).
// A missing alternative text is refused (Invalid, naming "alt"), and nothing is stored.
func (s *Store) PutImage(ctx context.Context, actorID int64, set images.Set, alt domain.Text) (domain.Image, error) {
	var im domain.Image
	err := s.write(ctx, func(tx *Tx) error {
		var err error
		if im, err = s.putImage(tx, set, alt); err != nil {
			return err
		}
		return s.audit(tx, actorID, "image.create", "image", im.ID, map[string]any{"hash": im.Hash})
	})
	return im, err
}

// DeleteImage removes the image with id, and its files when no other image uses them. An image
// still used as a logo or cover is refused by the database; remove it from there first.
func (s *Store) DeleteImage(ctx context.Context, actorID, id int64) error {
	return s.write(ctx, func(tx *Tx) error {
		if err := deleteImage(tx, id); err != nil {
			return err
		}
		return s.audit(tx, actorID, "image.delete", "image", id, nil)
	})
}

// putImage checks the alternative text and the set, stores the set's files (once per hash and
// width: the same picture uploaded again shares them) and an images row.
func (s *Store) putImage(tx *Tx, set images.Set, alt domain.Text) (domain.Image, error) {
	alt, err := domain.CheckAlt(alt)
	if err != nil {
		return domain.Image{}, err
	}
	if len(set.Hash) != images.HashLen || (set.Format != images.JPEG && set.Format != images.PNG) ||
		len(set.Variants) == 0 || set.Width <= 0 || set.Height <= 0 {
		return domain.Image{}, fmt.Errorf("store: put image: not a processed set (hash %q, format %q, %d variants)",
			set.Hash, set.Format, len(set.Variants))
	}
	for _, v := range set.Variants {
		if _, err := tx.Exec(`INSERT INTO image_files (hash, width, height, data) VALUES (?, ?, ?, ?)
			ON CONFLICT (hash, width) DO NOTHING`, set.Hash, v.Width, v.Height, v.Data); err != nil {
			return domain.Image{}, fmt.Errorf("store: put image file %d px: %w", v.Width, err)
		}
	}
	im := domain.Image{Hash: set.Hash, Format: set.Format, Width: set.Width, Height: set.Height, Alt: alt}
	if err := tx.QueryRow(`INSERT INTO images (hash, format, width, height, alt_kk, alt_ru, alt_en, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, im.Hash, im.Format, im.Width, im.Height,
		alt.KK, alt.RU, alt.EN, unix(s.now().UTC().Truncate(time.Second))).Scan(&im.ID); err != nil {
		return domain.Image{}, fmt.Errorf("store: put image: %w", err)
	}
	return im, nil
}

// deleteImage removes an images row and the files of its set that no other row uses.
func deleteImage(tx *Tx, id int64) error {
	var hash string
	err := tx.QueryRow(`DELETE FROM images WHERE id = ? RETURNING hash`, id).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Errorf(domain.NotFound, "not_found.image", nil)
	}
	if err != nil {
		return fmt.Errorf("store: delete image %d: %w", id, err)
	}
	if _, err := tx.Exec(`DELETE FROM image_files WHERE hash = ? AND NOT EXISTS (SELECT 1 FROM images WHERE hash = ?)`,
		hash, hash); err != nil {
		return fmt.Errorf("store: delete image files %s: %w", hash, err)
	}
	return nil
}

// An owner of one picture: the table and its column that points at the images row.
type imageSlot struct {
	table, column, entity, notFound string
}

var (
	logoSlot  = imageSlot{"organizations", "logo_id", "organization", "not_found.organization"}
	coverSlot = imageSlot{"events", "cover_id", "event", "not_found.event"}
)

// SetOrganizationLogo makes set, with its alternative text, the logo of organization orgID, in one
// transaction: it locks the organization's row (NotFound when there is none), stores the image
// (putImage: Invalid naming "alt" without an alternative text), points logo_id at it, removes the
// logo it replaces with its files, and writes the audit entry organization.logo.
func (s *Store) SetOrganizationLogo(ctx context.Context, actorID, orgID int64, set images.Set, alt domain.Text) (domain.Image, error) {
	return s.setImage(ctx, logoSlot, actorID, orgID, &set, alt)
}

// RemoveOrganizationLogo removes organization orgID's logo and its files (nothing when it has
// none); NotFound when there is no such organization.
func (s *Store) RemoveOrganizationLogo(ctx context.Context, actorID, orgID int64) error {
	_, err := s.setImage(ctx, logoSlot, actorID, orgID, nil, domain.Text{})
	return err
}

// SetEventCover makes set, with its alternative text, the cover of event eventID, the same steps
// as SetOrganizationLogo (audit entry event.cover).
func (s *Store) SetEventCover(ctx context.Context, actorID, eventID int64, set images.Set, alt domain.Text) (domain.Image, error) {
	return s.setImage(ctx, coverSlot, actorID, eventID, &set, alt)
}

// RemoveEventCover removes event eventID's cover and its files (nothing when it has none).
func (s *Store) RemoveEventCover(ctx context.Context, actorID, eventID int64) error {
	_, err := s.setImage(ctx, coverSlot, actorID, eventID, nil, domain.Text{})
	return err
}

// setImage puts set (nil: none) in slot of row id and removes the image it replaces.
func (s *Store) setImage(ctx context.Context, slot imageSlot, actorID, id int64, set *images.Set, alt domain.Text) (domain.Image, error) {
	var im domain.Image
	err := s.write(ctx, func(tx *Tx) error {
		var old sql.NullInt64
		err := tx.QueryRow(`SELECT `+slot.column+` FROM `+slot.table+` WHERE id = ?`+tx.forUpdate(""), id).Scan(&old)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.NotFound, slot.notFound, nil)
		}
		if err != nil {
			return fmt.Errorf("store: %s %d %s: %w", slot.entity, id, slot.column, err)
		}
		if set == nil && !old.Valid {
			return nil
		}
		var newID any // NULL when removing
		if set != nil {
			if im, err = s.putImage(tx, *set, alt); err != nil {
				return err
			}
			newID = im.ID
		}
		if _, err := tx.Exec(`UPDATE `+slot.table+` SET `+slot.column+` = ? WHERE id = ?`, newID, id); err != nil {
			return fmt.Errorf("store: set %s %d %s: %w", slot.entity, id, slot.column, err)
		}
		if old.Valid {
			if err := deleteImage(tx, old.Int64); err != nil {
				return err
			}
		}
		action := slot.entity + ".logo"
		if slot == coverSlot {
			action = slot.entity + ".cover"
		}
		return s.audit(tx, actorID, action, slot.entity, id, map[string]any{"hash": im.Hash})
	})
	return im, err
}

// ImageCounts returns how many images there are and how many files they hold: what the database
// spends on pictures, and what a test counts to show that a refused upload left nothing.
func (s *Store) ImageCounts(ctx context.Context) (imageRows, files int, err error) {
	err = s.read(ctx).QueryRow(`SELECT (SELECT COUNT(*) FROM images), (SELECT COUNT(*) FROM image_files)`).Scan(&imageRows, &files)
	if err != nil {
		return 0, 0, fmt.Errorf("store: count images: %w", err)
	}
	return imageRows, files, nil
}
