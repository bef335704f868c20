using System.Text;
using IceFarm.WorkerAgent.Protocol;

namespace IceFarm.WorkerAgent.Tests.Protocol;

public sealed class LineSplitterTests
{
    [Fact]
    public void CrLfSplitAcrossReads_YieldsOneLineWithoutTheEnding()
    {
        var splitter = new LineSplitter();

        splitter.Append(Encoding.ASCII.GetBytes("Waiting for bitstream transfer\r"));
        Assert.False(splitter.TryTake(out _));
        splitter.Append(Encoding.ASCII.GetBytes("\nIDLE\r\n"));

        Assert.Equal(["Waiting for bitstream transfer", "IDLE"], TakeAll(splitter));
    }

    [Fact]
    public void BareLf_EndsALineToo()
    {
        var splitter = new LineSplitter();

        splitter.Append(Encoding.ASCII.GetBytes("USB Connected :)\nWaiting for bitstream transfer\r\npartial"));

        Assert.Equal(["USB Connected :)", "Waiting for bitstream transfer"], TakeAll(splitter));
    }

    [Fact]
    public void EndlessGarbage_IsCutIntoBoundedLines()
    {
        var splitter = new LineSplitter();

        splitter.Append(new byte[20_000].AsSpan().ToArray().Select(_ => (byte)'x').ToArray());

        Assert.All(TakeAll(splitter), line => Assert.True(line.Length <= 8 * 1024));
    }

    private static List<string> TakeAll(LineSplitter splitter)
    {
        var lines = new List<string>();
        while (splitter.TryTake(out var line))
        {
            lines.Add(line);
        }

        return lines;
    }
}
