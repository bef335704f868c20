namespace IceFarm.FarmData.Limits;

/// <summary>
/// Endpoint metadata: every request to the endpoint is a sign-in attempt under <see cref="LimitPolicies.SignIn"/>, not
/// only its posts (the panel's start of a provider sign-in is a link).
/// </summary>
internal sealed class SignInAttempt;
