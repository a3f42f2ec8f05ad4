package session

import (
	"github.com/labstack/echo/v4"

	"placering/models"
)

const userKey = "placering.user"

// SetUser records the authenticated user on the request.
func SetUser(c echo.Context, u *models.User) { c.Set(userKey, u) }

// UserFrom returns the authenticated user, or nil for an anonymous request.
func UserFrom(c echo.Context) *models.User {
	u, _ := c.Get(userKey).(*models.User)
	return u
}

const tokenKey = "placering.token"

// SetTokenID records which API token authenticated the request.
func SetTokenID(c echo.Context, id int64) { c.Set(tokenKey, id) }

// TokenIDFrom returns the id of the API token of the request, or 0.
func TokenIDFrom(c echo.Context) int64 {
	id, _ := c.Get(tokenKey).(int64)
	return id
}
