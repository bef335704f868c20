using System.Net;
using IceFarm.Testing;

namespace IceFarm.Client.Tests.EventStreams;

/// <summary>A real HTTP handler that wraps every event-stream body in an <see cref="ObservedStream"/>, in the order opened.</summary>
internal sealed class ObservingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly Lock _gate = new();
    private readonly List<ObservedStream> _streams = [];

    /// <summary>The <paramref name="index"/>-th event-stream body once the client received its headers.</summary>
    public Task<ObservedStream> StreamAsync(int index) => Eventually.WaitForAsync(
        _ => Task.FromResult(Get(index)), Timeouts.Short, $"event stream #{index}");

    /// <summary>Returns once the client has processed every byte the server sent on <paramref name="connection"/> and waits for more.</summary>
    public async Task ConsumedAsync(int index, ScriptedConnection connection)
    {
        var stream = await StreamAsync(index);
        await Eventually.WaitForAsync(
            _ => Task.FromResult(stream.WaitingAfter(connection.Sent) ? stream : null), Timeouts.Short, $"the client to read {connection.Sent} bytes of stream #{index}");
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.RequestUri!.AbsolutePath.EndsWith("/api/v1/events", StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.OK)
        {
            var stream = new ObservedStream(await response.Content.ReadAsStreamAsync(cancellationToken));
            var content = new StreamContent(stream);
            foreach (var header in response.Content.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = content;
            lock (_gate)
            {
                _streams.Add(stream);
            }
        }

        return response;
    }

    private ObservedStream? Get(int index)
    {
        lock (_gate)
        {
            return index < _streams.Count ? _streams[index] : null;
        }
    }
}
