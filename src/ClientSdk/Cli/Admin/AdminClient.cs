using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using IceFarm.Client;
using IceFarm.Client.Internal;
using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Http;

namespace IceFarm.Cli.Admin;

/// <summary>The few admin API calls the CLI makes (API.md, "Admin API"), with the admin token.</summary>
internal sealed class AdminClient : IDisposable
{
    private static readonly FarmJsonContext Json = FarmJsonContext.Default;
    private readonly HttpClient _http;

    public AdminClient(Uri baseAddress, string token)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(100) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Task<WorkerInfo[]> WorkersAsync(CancellationToken ct) => SendAsync(HttpMethod.Get, "api/admin/workers", null, Json.WorkerInfoArray, ct);

    public Task<DeviceInfo[]> DevicesAsync(CancellationToken ct) => SendAsync(HttpMethod.Get, "api/admin/devices", null, Json.DeviceInfoArray, ct);

    public Task<ClientCreated> CreateClientAsync(string name, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "api/admin/clients", JsonContent.Create(new CreateClientRequest(name), Json.CreateClientRequest), Json.ClientCreated, ct);

    public Task<JsonElement> DrainAsync(string worker, DateTimeOffset? deadline, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"api/admin/workers/{Uri.EscapeDataString(worker)}/drain", JsonContent.Create(new DrainRequest(deadline), Json.DrainRequest), Json.JsonElement, ct);

    public Task<JsonElement> MaintenanceAsync(string worker, string? reason, DateTimeOffset? deadline, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"api/admin/workers/{Uri.EscapeDataString(worker)}/maintenance", JsonContent.Create(new MaintenanceRequest(reason, deadline), Json.MaintenanceRequest), Json.JsonElement, ct);

    public Task<JsonElement> ReturnToServiceAsync(string worker, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"api/admin/workers/{Uri.EscapeDataString(worker)}/return-to-service", null, Json.JsonElement, ct);

    public Task<JsonElement> RebootAsync(string serial, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"api/admin/devices/{Uri.EscapeDataString(serial)}/reboot", null, Json.JsonElement, ct);

    public Task<JsonElement> ForgetAsync(string serial, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, $"api/admin/devices/{Uri.EscapeDataString(serial)}", null, Json.JsonElement, ct);

    public void Dispose() => _http.Dispose();

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> answer, CancellationToken ct)
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
                var problem = JsonSerializer.Deserialize(body, Json.ProblemBody);
                code = problem?.Type?.Split('/')[^1];
                message = problem?.Detail ?? message;
            }
            catch (JsonException)
            {
                // Not a ProblemDetails body: the status is all there is to say.
            }

            throw new FarmApiException((int)response.StatusCode, code, message);
        }

        return JsonSerializer.Deserialize(body.Length == 0 ? "{}" : body, answer)!;
    }
}
