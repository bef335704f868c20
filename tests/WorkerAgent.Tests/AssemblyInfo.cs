// Fake-clock pumps block a thread in FakeTimeProvider.Advance (it sleeps 1 ms per call) and the
// build machines have two cores: test classes running side by side starve each other's actors.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
