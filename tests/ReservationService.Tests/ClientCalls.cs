using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using Xunit;

namespace IceFarm.ReservationService.Tests;

/// <summary>Client API calls that tests make as a step, not as what they test.</summary>
internal static class ClientCalls
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>A reservation the test needs granted at once (201).</summary>
    public static async Task<ReservationResponse> ReserveAsync(HttpClient http, ReserveRequest request)
    {
        using var response = await http.PostAsJsonAsync("api/v1/reservations", request).WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReservationResponse>())!;
    }
}
