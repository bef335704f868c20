using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IceFarm.WorkerAgent.Tests.Support;

/// <summary>A logger that keeps warnings and errors, and signals the first one.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly TaskCompletionSource _warned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> _entries = new();

    /// <summary>Completes at the first warning or error.</summary>
    public Task Warned => _warned.Task;

    /// <summary>Warnings and errors, oldest first.</summary>
    public IReadOnlyList<(LogLevel Level, string Message, Exception? Exception)> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Warning)
        {
            _entries.Enqueue((logLevel, formatter(state, exception), exception));
            _warned.TrySetResult();
        }
    }
}
