using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>The tests that share one running farm (eight boards); they reserve only what they need, so they may overlap.</summary>
[CollectionDefinition(Name)]
public sealed class FarmCollection : ICollectionFixture<ClientFarm>
{
    public const string Name = "client farm";
}
