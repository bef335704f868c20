using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using OpenIddict.Abstractions;

namespace IceFarm.AdminApi.Tests.Panel.Oidc;

/// <summary>
/// The test provider's login form: the authorization request's parameters again, plus the name typed as
/// <c>login_hint</c>. Submitting it is a navigation the provider's page starts, as at a real provider, so the way back
/// to the client is cross-site for the browser (a provider that redirects straight back leaves the client as initiator).
/// </summary>
internal static class TestOidcLoginPage
{
    public static IResult For(OpenIddictRequest request)
    {
        var html = new StringBuilder("<!doctype html><title>Test IdP</title><form method=\"get\" action=\"/connect/authorize\">");
        foreach (var (name, value) in request.GetParameters())
        {
            html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(name)}\" value=\"{WebUtility.HtmlEncode((string?)value)}\">");
        }

        html.Append("<label>User <input name=\"login_hint\" id=\"login\"></label><button type=\"submit\">Sign in</button></form>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }
}
