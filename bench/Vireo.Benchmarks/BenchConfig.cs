using System.Globalization;
using BenchmarkDotNet.Columns;
using Perfolizer.Metrology;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;

namespace Vireo.Benchmarks;

/// <summary>
/// The suite's columns and exports: min and median next to the mean, allocations, and a CSV
/// in fixed units (µs, KB; no units in the cells) that <c>bench/run.sh</c> reads.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        var style = new SummaryStyle(
            CultureInfo.InvariantCulture,
            printUnitsInHeader: true,
            sizeUnit: SizeUnit.KB,
            timeUnit: TimeUnit.Microsecond,
            printUnitsInContent: false);
        AddColumn(StatisticColumn.Min, StatisticColumn.Median);
        AddExporter(new CsvExporter(CsvSeparator.Comma, style));
        WithSummaryStyle(style);
    }
}
