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
