using IceFarm.Contracts.Http;
using IceFarm.Testing.Farm;

namespace IceFarm.EndToEnd.Tests;

/// <summary>
/// The three services as real hosts on 127.0.0.1 (port 0) against real PostgreSQL and RabbitMQ, with a database and a
/// vhost of their own, and one worker with simulated boards.
/// </summary>
public sealed class RunningFarm : TestFarmFixture
{
    public const string WorkerName = "e2e-worker";
    public const int SimulatedBoards = 2;

    public Uri WorkerUri => Farm.WorkerUri(WorkerName);

    /// <summary>Issues a client token through the admin API, as an operator would.</summary>
    public Task<ClientCreated> CreateClientAsync(string name) => Farm.CreateClientAsync(name);

    /// <summary>Waits until the admin API shows <paramref name="count"/> available boards.</summary>
    public Task<DeviceInfo[]> WaitForAvailableBoardsAsync(int count) => Farm.WaitForAvailableBoardsAsync(count, TimeSpan.FromSeconds(60));

    protected override TestFarmBuilder Build() =>
        new TestFarmBuilder().WithReservationService().WithAdminApi().WithWorker(WorkerName, SimulatedBoards);
}
