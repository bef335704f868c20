using IceFarm.WorkerAgent.Simulation;

namespace IceFarm.WorkerAgent.Tests.Simulation;

/// <summary>The simulator's byte FIFO against a reference queue: order, wrap-around, growth and dropping.</summary>
public sealed class ByteQueueTests
{
    [Fact]
    public void Random_writes_reads_and_drops_come_out_in_the_order_a_queue_of_bytes_gives()
    {
        var random = new Random(5);
        var queue = new ByteQueue();
        var reference = new Queue<byte>();
        byte next = 0;
        for (var step = 0; step < 5_000; step++)
        {
            switch (random.Next(3))
            {
                case 0:
                    var bytes = new byte[random.Next(0, 3_000)];
                    for (var i = 0; i < bytes.Length; i++)
                    {
                        bytes[i] = next++;
                        reference.Enqueue(bytes[i]);
                    }

                    queue.Enqueue(bytes);
                    break;
                case 1:
                    var read = new byte[random.Next(0, 2_000)];
                    var expected = Math.Min(read.Length, reference.Count);
                    var count = queue.Dequeue(read);
                    Assert.Equal(expected, count);
                    for (var i = 0; i < count; i++)
                    {
                        Assert.Equal(reference.Dequeue(), read[i]);
                    }

                    break;
                default:
                    var drop = random.Next(-10, 500);
                    queue.Drop(drop);
                    for (var i = 0; i < drop && reference.Count > 0; i++)
                    {
                        reference.Dequeue();
                    }

                    break;
            }

            Assert.Equal(reference.Count, queue.Count);
        }

        Assert.Equal(reference.ToArray(), queue.ToArray());
    }

    [Fact]
    public void Keeping_only_the_newest_bytes_drops_the_oldest_like_the_devices_tx_fifo()
    {
        var queue = new ByteQueue();
        queue.Enqueue("stale line\r\n"u8);
        queue.Enqueue("fresh\r\n"u8);

        queue.Drop(queue.Count - 7);

        Assert.Equal("fresh\r\n"u8.ToArray(), queue.ToArray());
    }
}
