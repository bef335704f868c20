using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IceFarm.Client;
using IceFarm.Contracts.Http;

namespace IceFarm.Cli.Admin;

/// <summary>The few admin API calls the CLI makes (API.md, "Admin API"), with the admin token.</summary>
internal sealed class AdminClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    public AdminClient(Uri baseAddress, string token)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(100) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Task<WorkerInfo[]> WorkersAsync(CancellationToken ct) => SendAsync<WorkerInfo[]>(HttpMethod.Get, "api/admin/workers", null, ct);

    public Task<DeviceInfo[]> DevicesAsync(CancellationToken ct) => SendAsync<DeviceInfo[]>(HttpMethod.Get, "api/admin/devices", null, ct);

    public Task<ClientCreated> CreateClientAsync(string name, CancellationToken ct) =>
        SendAsync<ClientCreated>(HttpMethod.Post, "api/admin/clients", JsonContent.Create(new CreateClientRequest(name), options: Json), ct);

    public Task<JsonElement> DrainAsync(string worker, DateTimeOffset? deadline, CancellationToken ct) =>
        SendAsync<JsonElement>(HttpMethod.Post, $"api/admin/workers/{Uri.EscapeDataString(worker)}/drain", JsonContent.Create(new { deadline }, options: Json), ct);

    public Task<JsonElement> MaintenanceAsync(string worker, string? reason, DateTimeOffset? deadline, CancellationToken ct) =>
        SendAsync<JsonElement>(HttpMethod.Post, $"api/admin/workers/{Uri.EscapeDataString(worker)}/maintenance", JsonContent.Create(new { reason, deadline }, options: Json), ct);

    public Task<JsonElement> ReturnToServiceAsync(string worker, CancellationToken ct) =>
        SendAsync<JsonElement>(HttpMethod.Post, $"api/admin/workers/{Uri.EscapeDataString(worker)}/return-to-service", null, ct);

    public Task<JsonElement> RebootAsync(string serial, CancellationToken ct) =>
        SendAsync<JsonElement>(HttpMethod.Post, $"api/admin/devices/{Uri.EscapeDataString(serial)}/reboot", null, ct);

    public Task<JsonElement> ForgetAsync(string serial, CancellationToken ct) =>
        SendAsync<JsonElement>(HttpMethod.Delete, $"api/admin/devices/{Uri.EscapeDataString(serial)}", null, ct);

    public void Dispose() => _http.Dispose();

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await _http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            string? code = null;
            var message = $"{method} {path} answered {(int)response.StatusCode}.";
            try
            {
                using var problem = JsonDocument.Parse(body);
                code = problem.RootElement.TryGetProperty("type", out var type) ? type.GetString()?.Split('/')[^1] : null;
                message = problem.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? message : message;
            }
            catch (JsonException)
            {
                // Not a ProblemDetails body: the status is all there is to say.
            }

            throw new FarmApiException((int)response.StatusCode, code, message);
        }

        return JsonSerializer.Deserialize<T>(body.Length == 0 ? "{}" : body, Json)!;
    }
}
