// Package apiclient is a Go client generated from the service's own OpenAPI
// document by oapi-codegen, as another system would generate one. It is
// not part of the product: only the API tests import it, to prove that a
// generated client works against the real server end to end.
//
// Regenerate after the document changes (a test says when):
//
//	go generate ./server/api/apiclient
package apiclient

//go:generate sh -c "go run ../.. openapi > openapi.json"
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen@v2.8.2 -config oapi-codegen.yaml openapi.json
