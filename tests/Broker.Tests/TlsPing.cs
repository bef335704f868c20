namespace IceFarm.Broker.Tests;

/// <summary>The message the TLS round trip sends to itself.</summary>
public sealed record TlsPing(Guid Id, string Text);
