using IceFarm.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IceFarm.Client.Tests.EventStreams;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, port 0) whose <c>GET /api/v1/events</c> writes exactly the frames the
/// test sends on each connection, so a test can speak either server dialect byte for byte.
/// </summary>
internal sealed class ScriptedEventServer : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<TaskCompletionSource<ScriptedConnection>> _connections = [];
    private readonly WebApplication _app;

    private ScriptedEventServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/api/v1/events", ServeAsync);
    }

    public Uri Address { get; private set; } = null!;

    public int Opened
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count(c => c.Task.IsCompleted);
            }
        }
    }

    public static async Task<ScriptedEventServer> StartAsync()
    {
        var server = new ScriptedEventServer();
        server.Address = await WebApps.StartAsync(server._app, Timeouts.Short);
        return server;
    }

    /// <summary>The <paramref name="index"/>-th connection (from 0), once the client opened it.</summary>
    public Task<ScriptedConnection> ConnectionAsync(int index) => Slot(index).Task;

    public ValueTask DisposeAsync() => new(WebApps.StopAsync(_app, Timeouts.Short));

    private TaskCompletionSource<ScriptedConnection> Slot(int index)
    {
        lock (_gate)
        {
            while (_connections.Count <= index)
            {
                _connections.Add(new TaskCompletionSource<ScriptedConnection>(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            return _connections[index];
        }
    }

    private async Task ServeAsync(HttpContext http)
    {
        var connection = new ScriptedConnection(http.Request.Headers["Last-Event-ID"].FirstOrDefault());
        http.Response.ContentType = "text/event-stream";
        // Headers go out at once, as the real service's do, so the client waits on the body, not on the headers.
        await http.Response.StartAsync(http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
        lock (_gate)
        {
            Slot(_connections.FindIndex(c => !c.Task.IsCompleted) is var free and >= 0 ? free : _connections.Count).SetResult(connection);
        }

        try
        {
            await foreach (var frame in connection.Frames.ReadAllAsync(http.RequestAborted))
            {
                await http.Response.WriteAsync(frame, http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away (it resumes on a connection of its own).
        }
    }
}
