package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"erikti/internal/domain"
)

// orgTable is the organizations table's columns. Its status, the reason and the date of applying
// are set by their own statements (the Front Office's decision, applying), not with the profile.
var orgTable = columns[domain.Organization]{
	{name: "id", key: true, dest: func(o *domain.Organization) any { return &o.ID }, value: func(o *domain.Organization) any { return o.ID }},
	field("name_kk", func(o *domain.Organization) *string { return &o.Name.KK }),
	field("name_ru", func(o *domain.Organization) *string { return &o.Name.RU }),
	field("name_en", func(o *domain.Organization) *string { return &o.Name.EN }),
	field("description_kk", func(o *domain.Organization) *string { return &o.Description.KK }),
	field("description_ru", func(o *domain.Organization) *string { return &o.Description.RU }),
	field("description_en", func(o *domain.Organization) *string { return &o.Description.EN }),
	field("email", func(o *domain.Organization) *string { return &o.Email }),
	field("phone", func(o *domain.Organization) *string { return &o.Phone }),
	field("website", func(o *domain.Organization) *string { return &o.Website }),
	field("bin", func(o *domain.Organization) *string { return &o.BIN }),
	{name: "status", fixed: true, dest: func(o *domain.Organization) any { return &o.Status },
		value: func(o *domain.Organization) any { return string(o.Status) }},
	{name: "status_reason", fixed: true, dest: func(o *domain.Organization) any { return &o.StatusReason },
		value: func(o *domain.Organization) any { return o.StatusReason }},
	{name: "applied_at", fixed: true, dest: func(o *domain.Organization) any { return unixDest{&o.AppliedAt} },
		value: func(o *domain.Organization) any { return unix(o.AppliedAt) }},
	{name: "created_at", fixed: true, dest: func(o *domain.Organization) any { return unixDest{&o.CreatedAt} },
		value: func(o *domain.Organization) any { return unix(o.CreatedAt) }},
	// set and removed by SetOrganizationLogo and RemoveOrganizationLogo, never with the profile
	{name: "logo_id", dest: func(o *domain.Organization) any { return nullID{&o.Logo.ID} }},
}

// The statements built from orgTable, once.
var (
	orgColumns     = orgTable.selectList("")
	insertOrgQuery = orgTable.insert("organizations")
	updateOrgQuery = `UPDATE organizations SET ` + orgTable.updateSet() + ` WHERE id = ?`
)

func scanOrg(row interface{ Scan(...any) error }, extra ...any) (domain.Organization, error) {
	var o domain.Organization
	err := row.Scan(orgTable.scanInto(&o, extra...)...)
	return o, err
}

// CreateOrganization stores a new organization, pending verification, with adminID as its admin.
// A status other than pending is kept only when adminID is 0 (the demo loader and the CLI).
// An organization that is not valid is refused, naming its field.
func (s *Store) CreateOrganization(ctx context.Context, adminID int64, o *domain.Organization) error {
	if err := o.Validate(); err != nil {
		return err
	}
	if o.Status == "" || adminID > 0 {
		o.Status = domain.OrgPending
	}
	o.CreatedAt = s.now().UTC().Truncate(time.Second)
	return s.write(ctx, func(tx *Tx) error {
		err := tx.QueryRow(insertOrgQuery, orgTable.insertValues(o, false, nil)...).Scan(&o.ID)
		if err != nil {
			return fmt.Errorf("store: create organization: %w", err)
		}
		if adminID > 0 {
			if _, err := tx.Exec(`INSERT INTO memberships (org_id, user_id, role, created_at) VALUES (?, ?, ?, ?)`,
				o.ID, adminID, domain.RoleAdmin, unix(o.CreatedAt)); err != nil {
				return fmt.Errorf("store: create organization admin: %w", err)
			}
		}
		return s.audit(tx, adminID, "organization.create", "organization", o.ID, map[string]any{"name": o.Name})
	})
}

// Organization returns the organization with id.
func (s *Store) Organization(ctx context.Context, id int64) (domain.Organization, error) {
	o, err := scanOrg(s.read(ctx).QueryRow(`SELECT `+orgColumns+` FROM organizations WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return o, domain.Errorf(domain.NotFound, "not_found.organization", nil)
	}
	if err != nil {
		return o, fmt.Errorf("store: organization: %w", err)
	}
	if o.Logo.ID != 0 {
		if o.Logo, err = imageByID(s.read(ctx), o.Logo.ID); err != nil {
			return o, fmt.Errorf("store: organization %d logo: %w", id, err)
		}
	}
	return o, nil
}

// Organizations lists the organizations by name; with status set, only those.
func (s *Store) Organizations(ctx context.Context, status domain.OrgStatus) ([]domain.Organization, error) {
	q, args := `SELECT `+orgColumns+` FROM organizations`, []any{}
	if status != "" {
		q += ` WHERE status = ?`
		args = append(args, status)
	}
	rows, err := s.read(ctx).Query(q+` ORDER BY name_kk, name_ru, name_en, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: organizations: %w", err)
	}
	defer rows.Close()
	var out []domain.Organization
	for rows.Next() {
		o, err := scanOrg(rows)
		if err != nil {
			return nil, fmt.Errorf("store: organizations: %w", err)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: organizations: %w", err)
	}
	return out, s.fillLogos(ctx, out)
}

// fillLogos reads the logos of orgs (read with their logo's ID alone) in one query.
func (s *Store) fillLogos(ctx context.Context, orgs []domain.Organization) error {
	at := map[int64][]int{}
	for i, o := range orgs {
		if o.Logo.ID != 0 {
			at[o.Logo.ID] = append(at[o.Logo.ID], i)
		}
	}
	if len(at) == 0 {
		return nil
	}
	rows, err := s.read(ctx).Query(`SELECT ` + imageColumns + ` FROM images WHERE id IN (SELECT logo_id FROM organizations)`)
	if err != nil {
		return fmt.Errorf("store: organizations' logos: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		im, err := scanImage(rows)
		if err != nil {
			return fmt.Errorf("store: organizations' logos: %w", err)
		}
		for _, i := range at[im.ID] {
			orgs[i].Logo = im
		}
	}
	return rows.Err()
}

// UpdateOrganization changes an organization's profile (name, description, contacts, BIN) as its
// admin gives it; the status stays as it is. A profile that is not valid is refused, naming its field.
func (s *Store) UpdateOrganization(ctx context.Context, actorID int64, o domain.Organization) error {
	if err := o.Validate(); err != nil {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(updateOrgQuery, orgTable.updateValues(&o, o.ID)...)
		if err != nil {
			return fmt.Errorf("store: update organization: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.Errorf(domain.NotFound, "not_found.organization", nil)
		}
		return s.audit(tx, actorID, "organization.update", "organization", o.ID, map[string]any{"name": o.Name})
	})
}

// ApplyForVerification puts a pending organization in the Front Office's queue. Applying again
// keeps the first date; a verified or suspended organization cannot apply.
func (s *Store) ApplyForVerification(ctx context.Context, actorID, id int64) error {
	return s.write(ctx, func(tx *Tx) error {
		o, err := scanOrg(tx.QueryRow(`SELECT `+orgColumns+` FROM organizations WHERE id = ?`+tx.forUpdate(""), id))
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.NotFound, "not_found.organization", nil)
		}
		if err != nil {
			return fmt.Errorf("store: apply for verification: %w", err)
		}
		if o.Status != domain.OrgPending {
			return domain.Errorf(domain.Conflict, "organization.not_pending", nil)
		}
		if !o.AppliedAt.IsZero() {
			return nil
		}
		if _, err := tx.Exec(`UPDATE organizations SET applied_at = ? WHERE id = ?`, s.now().Unix(), id); err != nil {
			return fmt.Errorf("store: apply for verification: %w", err)
		}
		return s.audit(tx, actorID, "organization.apply", "organization", id, nil)
	})
}

// OrganizationDirections maps each organization to the directions of its published events, in
// the catalogue's order.
func (s *Store) OrganizationDirections(ctx context.Context) (map[int64][]string, error) {
	rows, err := s.read(ctx).Query(`SELECT DISTINCT org_id, direction FROM events WHERE status = 'published'`)
	if err != nil {
		return nil, fmt.Errorf("store: organization directions: %w", err)
	}
	defer rows.Close()
	has := map[int64]map[string]bool{}
	for rows.Next() {
		var id int64
		var dir string
		if err := rows.Scan(&id, &dir); err != nil {
			return nil, fmt.Errorf("store: organization directions: %w", err)
		}
		if has[id] == nil {
			has[id] = map[string]bool{}
		}
		has[id][dir] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: organization directions: %w", err)
	}
	out := make(map[int64][]string, len(has))
	for id, dirs := range has {
		for _, d := range domain.Directions() {
			if dirs[d.Code] {
				out[id] = append(out[id], d.Code)
			}
		}
	}
	return out, nil
}

// SetOrganizationStatus records the Front Office's decision on an organization.
func (s *Store) SetOrganizationStatus(ctx context.Context, actorID, id int64, status domain.OrgStatus, reason string) (domain.Organization, error) {
	var o domain.Organization
	err := s.write(ctx, func(tx *Tx) error {
		var err error
		o, err = scanOrg(tx.QueryRow(`UPDATE organizations SET status = ?, status_reason = ? WHERE id = ? RETURNING `+orgColumns, status, reason, id))
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.NotFound, "not_found.organization", nil)
		}
		if err != nil {
			return fmt.Errorf("store: set organization status: %w", err)
		}
		return s.audit(tx, actorID, "organization.status", "organization", id, map[string]any{"status": status, "reason": reason})
	})
	return o, err
}

// CreateProject stores a flagship project.
func (s *Store) CreateProject(ctx context.Context, actorID int64, p *domain.Project) error {
	return s.write(ctx, func(tx *Tx) error {
		err := tx.QueryRow(`INSERT INTO projects (slug, name_kk, name_ru, name_en, description_kk, description_ru, description_en, target)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			p.Slug, p.Name.KK, p.Name.RU, p.Name.EN, p.Description.KK, p.Description.RU, p.Description.EN, p.Target).Scan(&p.ID)
		if err != nil {
			return fmt.Errorf("store: create project: %w", err)
		}
		return s.audit(tx, actorID, "project.create", "project", p.ID, map[string]any{"slug": p.Slug})
	})
}

// Projects lists the flagship projects.
func (s *Store) Projects(ctx context.Context) ([]domain.Project, error) {
	rows, err := s.read(ctx).Query(`SELECT id, slug, name_kk, name_ru, name_en, description_kk, description_ru, description_en, target FROM projects ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: projects: %w", err)
	}
	defer rows.Close()
	var out []domain.Project
	for rows.Next() {
		var p domain.Project
		if err := rows.Scan(&p.ID, &p.Slug, &p.Name.KK, &p.Name.RU, &p.Name.EN, &p.Description.KK, &p.Description.RU, &p.Description.EN, &p.Target); err != nil {
			return nil, fmt.Errorf("store: projects: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Empty reports whether the database holds no organizations yet (the demo loads only then).
func (s *Store) Empty(ctx context.Context) (bool, error) {
	var n int
	if err := s.read(ctx).QueryRow(`SELECT COUNT(*) FROM organizations`).Scan(&n); err != nil {
		return false, fmt.Errorf("store: count organizations: %w", err)
	}
	return n == 0, nil
}

// ProjectEventsHeld counts, per project, the published events that ended before now.
func (s *Store) ProjectEventsHeld(ctx context.Context, now time.Time) (map[int64]int, error) {
	rows, err := s.read(ctx).Query(`SELECT project_id, COUNT(*) FROM events
		WHERE project_id IS NOT NULL AND status = 'published' AND ends_at <= ? GROUP BY project_id`, unix(now))
	if err != nil {
		return nil, fmt.Errorf("store: project progress: %w", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("store: project progress: %w", err)
		}
		out[id] = n
	}
	return out, rows.Err()
}
