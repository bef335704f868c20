namespace IceFarm.Contracts.Http;

/// <summary>A newly issued client identity; the token is shown once and stored only hashed.</summary>
/// <param name="ClientId">The client's id.</param>
/// <param name="Token">The bearer token for the client API.</param>
public sealed record ClientCreated(string ClientId, string Token);
