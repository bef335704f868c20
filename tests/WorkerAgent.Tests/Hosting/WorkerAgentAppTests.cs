using System.Net;
using IceFarm.Contracts.Devices;
using IceFarm.WorkerAgent.Boards;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IceFarm.WorkerAgent.Tests.Hosting;

/// <summary>The composed application, started for real on an ephemeral port (no broker needed: the bus connects in the background).</summary>
public sealed class WorkerAgentAppTests
{
    [Fact]
    public async Task Healthz_Answers200_AndSimulatedBoardsBecomeAvailable()
    {
        await using var app = WorkerAgentApp.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RabbitMq"] = "amqp://guest:guest@127.0.0.1:1/",
            ["Worker:Name"] = "app-test",
            ["Worker:DrainDeadline"] = "00:00:01",
            ["Worker:DrainGrace"] = "00:00:00",
            ["Worker:SimulatedBoards"] = "2",
            ["Worker:SimulationProfile"] = "fast",
            ["Urls"] = "http://127.0.0.1:0",
        }));
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            using var http = new HttpClient();
            var response = await http.GetAsync(new Uri(new Uri(address), "/healthz")).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            var registry = app.Services.GetRequiredService<BoardRegistry>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (registry.All.Count != 2 || registry.All.Any(a => a.Summary.State != DeviceState.Available))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
            }
        }
        finally
        {
            await app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task InvalidWorkerName_StopsTheStart()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = WorkerAgentApp.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Worker:Name"] = "no spaces allowed",
                ["Urls"] = "http://127.0.0.1:0",
            }));
            await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        });

        Assert.Contains("Worker:Name", error.Message, StringComparison.Ordinal);
    }
}
