namespace IceFarm.AdminApi.Tests.Panel.Oidc;

/// <summary>
/// A user the test provider signs in when the authorization request's <c>login_hint</c> is <paramref name="Login"/>;
/// with <paramref name="ForgedSignature"/> their id token reaches the client signed by a key the provider never published.
/// </summary>
internal sealed record TestOidcUser(string Login, string Subject, string Name, string[] Roles, bool ForgedSignature = false);
