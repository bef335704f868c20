using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>
/// The tests of the client as it is packed: one packing of the packages (<see cref="PackedClient"/>) for all of them, and
/// a small farm of their own, so that the minutes spent compiling run beside the farm collection's tests, not in its line.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<SmallFarm>, ICollectionFixture<PackedClient>
{
    public const string Name = "packed client";
}
