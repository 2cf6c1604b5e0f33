// Package domain holds erikti's types and the rules that govern them. It knows no SQL and no HTTP:
// the store translates driver errors into these codes, the web maps codes to statuses.
package domain

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies an error for every layer above the domain.
type Code string

// The error codes. The web maps each to one HTTP status.
const (
	Invalid      Code = "invalid"
	NotFound     Code = "not_found"
	Conflict     Code = "conflict"
	Forbidden    Code = "forbidden"
	Unauthorized Code = "unauthorized"
	Internal     Code = "internal"
)

// FieldError names one bad field. Key is a message key that the locale package translates;
// Params fill its placeholders.
type FieldError struct {
	Field  string
	Key    string
	Params map[string]any
}

// Error is the one error type that crosses layers. Key is a message key for the whole error.
type Error struct {
	Code   Code
	Key    string
	Params map[string]any
	Fields []FieldError
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.Code))
	b.WriteString(": ")
	b.WriteString(e.Key)
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "; %s: %s", f.Field, f.Key)
	}
	return b.String()
}

// Errorf makes an error with a code and message key.
func Errorf(code Code, key string, params map[string]any) *Error {
	return &Error{Code: code, Key: key, Params: params}
}

// FieldErr makes an error about a single field.
func FieldErr(code Code, field, key string, params map[string]any) *Error {
	return &Error{Code: code, Key: "error." + string(code), Fields: []FieldError{{Field: field, Key: key, Params: params}}}
}

// ErrorCode returns the code of err, Internal when it carries none.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// Problems gathers field errors during validation.
type Problems struct {
	fields []FieldError
}

// Add records that field is bad.
func (p *Problems) Add(field, key string, params map[string]any) {
	p.fields = append(p.fields, FieldError{Field: field, Key: key, Params: params})
}

// Err returns an Invalid error naming every bad field, or nil.
func (p *Problems) Err() error {
	if len(p.fields) == 0 {
		return nil
	}
	return &Error{Code: Invalid, Key: "error.invalid", Fields: p.fields}
}

// Has reports whether field already has a problem.
func (p *Problems) Has(field string) bool {
	for _, f := range p.fields {
		if f.Field == field {
			return true
		}
	}
	return false
}

// Prefixed names the fields of a validation error as parts of a larger whole, such as
// shifts[2].capacity; other errors are returned as they are.
func Prefixed(err error, prefix string) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	out := *e
	out.Fields = make([]FieldError, len(e.Fields))
	for i, f := range e.Fields {
		f.Field = prefix + f.Field
		out.Fields[i] = f
	}
	return &out
}
