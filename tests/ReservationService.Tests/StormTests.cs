using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using Xunit;

namespace IceFarm.ReservationService.Tests;

/// <summary>A class of its own: the storm counts every free board of the service.</summary>
public sealed class When_a_storm_of_requests_arrives(ReservationServiceHost service) : IClassFixture<ReservationServiceHost>
{
    [Fact(Timeout = 180_000)]
    public async Task A_storm_of_two_hundred_requests_for_fifty_boards_grants_each_board_exactly_once()
    {
        const int boards = 50;
        await service.AnnounceWorkerAsync("storm-worker-a", boards / 2, kind: "variance");
        await service.AnnounceWorkerAsync("storm-worker-b", boards / 2, kind: "variance");
        var clients = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => service.NewClientAsync($"storm{i}")));

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            using var response = await clients[i % clients.Length].Http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("variance", Amount: 1));
            return (response.StatusCode, Body: response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ReservationResponse>() : null);
        })).WaitAsync(TimeSpan.FromMinutes(2));

        var granted = answers.Where(a => a.StatusCode == HttpStatusCode.Created).SelectMany(a => a.Body!.Devices).ToList();
        Assert.Equal(boards, granted.Count);
        Assert.Equal(boards, granted.Select(d => d.Serial).Distinct().Count());
        Assert.Equal(boards / 2, granted.Count(d => d.Worker == "storm-worker-a"));
        Assert.Equal(200 - boards, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        foreach (var (http, _) in clients)
        {
            http.Dispose();
        }
    }
}
