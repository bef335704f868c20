namespace IceFarm.WorkerAgent.Tests.Support;

/// <summary>
/// Runs the actors' loops and continuations on the thread pool while counting them, so a fake-clock pump can
/// wait until every actor is waiting (on its inbox, a port or a timer) before it moves the clock. Without
/// it the clock ran ahead of an actor that was still busy on a loaded machine, and deadlines fired early.
/// </summary>
internal sealed class QuiescentScheduler : TaskScheduler
{
    private readonly Lock _gate = new();
    private int _outstanding;
    private TaskCompletionSource _idle = Completed();

    /// <summary>Completes once no actor work is queued or running.</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _idle.Task;
        }
    }

    /// <inheritdoc />
    protected override void QueueTask(Task task)
    {
        lock (_gate)
        {
            if (_outstanding++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        ThreadPool.UnsafeQueueUserWorkItem(
            state =>
            {
                try
                {
                    TryExecuteTask(state);
                }
                finally
                {
                    Done();
                }
            },
            task,
            preferLocal: false);
    }

    // Never inline: every piece of actor work goes through the count.
    /// <inheritdoc />
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    /// <inheritdoc />
    protected override IEnumerable<Task> GetScheduledTasks() => [];

    private void Done()
    {
        TaskCompletionSource? idle = null;
        lock (_gate)
        {
            if (--_outstanding == 0)
            {
                idle = _idle;
            }
        }

        idle?.TrySetResult();
    }

    private static TaskCompletionSource Completed()
    {
        var source = new TaskCompletionSource();
        source.SetResult();
        return source;
    }
}
