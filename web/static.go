package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var staticFiles embed.FS

// staticFS is the static directory itself ("app.css", "htmx.min.js", …).
var staticFS, _ = fs.Sub(staticFiles, "static")

// assetHashes maps each static file to a short hash of its content,
// computed once at start-up. URLs carry the hash (?v=…), so a browser may
// keep a file for a year and still gets a new one the moment it changes.
var assetHashes = hashAssets()

func hashAssets() map[string]string {
	out := map[string]string{}
	_ = fs.WalkDir(staticFS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(staticFS, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		out[p] = hex.EncodeToString(sum[:6])
		return nil
	})
	return out
}

// AssetURL returns the versioned URL of a static file, e.g.
// "/static/app.css?v=1a2b3c4d5e6f".
func AssetURL(name string) string {
	return "/static/" + name + "?v=" + assetHashes[name]
}

// Static serves the static files. Mount it with the "/static/" prefix
// stripped. A request with the current version may be cached for a year;
// one without (or with an old version) must be revalidated, so a stale
// file can never stick.
func Static() http.Handler {
	files := http.FileServerFS(staticFS)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		hash, ok := assetHashes[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if r.URL.Query().Get("v") == hash {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		w.Header().Set("ETag", `"`+hash+`"`)
		files.ServeHTTP(w, r)
	})
}

// HasAsset reports whether name is a static file.
func HasAsset(name string) bool { _, ok := assetHashes[name]; return ok }
