#include "tests/charts/ChartFixture.h"
#include "tests/support/TestBackend.h"

#include "core/charts/ChartLoader.h"
#include "models/CategoryPalette.h"
#include "ui/charts/ChartExporter.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

// Charts written to files, by the exporter and by the real `xpadmin --export-chart` with no
// display: the files open, are not blank, and are drawn in the category colours.
class TestChartExport final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void writesEveryKindInEveryFormat_data();
    void writesEveryKindInEveryFormat();
    void emptyRangeIsWrittenWithANote();
    void unknownExtensionIsRefused();

    void commandLineWorksWithoutADisplay();
    void commandLineChartsOneUserOverDays();
    void commandLineRefusesBadInput_data();
    void commandLineRefusesBadInput();
    void commandLineReportsADatabaseFailure();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run xpadmin(const QStringList &arguments);

    ConnectionSpec m_spec;
    std::unique_ptr<Database> m_db;
    QTemporaryDir m_dir;
};

namespace {

// The distinct colours of an image, sampled on a grid, and whether it holds the colour exactly.
QSet<QRgb> colours(const QImage &image)
{
    QSet<QRgb> seen;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3)
            seen.insert(image.pixel(x, y) | 0xff000000u);
    }
    return seen;
}

bool holds(const QImage &image, const QColor &colour)
{
    const QRgb wanted = colour.rgb();
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            if ((image.pixel(x, y) | 0xff000000u) == wanted)
                return true;
        }
    }
    return false;
}

// The colour every chart of this kind shows: a category's, or the leaderboard's bars.
QColor signatureColour(ChartKind kind)
{
    return kind == ChartKind::TopUsers
        ? CategoryPalette::positiveAmount(ChartExporter::exportPalette())
        : CategoryPalette::color(Category::CorrectAnswer, ChartExporter::exportPalette());
}

QByteArray contentsOf(const QString &fileName)
{
    QFile file(fileName);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

void TestChartExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    m_db = std::move(db);
    QVERIFY(ChartFixture::fill(*m_db));
}

void TestChartExport::cleanupTestCase()
{
    m_db.reset();
}

void TestChartExport::writesEveryKindInEveryFormat_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("suffix");
    for (const QString &name : ChartKinds::names()) {
        for (const QString &suffix : {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")})
            QTest::addRow("%s.%s", qPrintable(name), qPrintable(suffix)) << int(*ChartKinds::fromName(name)) << suffix;
    }
}

void TestChartExport::writesEveryKindInEveryFormat()
{
    QFETCH(int, kind);
    QFETCH(QString, suffix);
    const auto chartKind = static_cast<ChartKind>(kind);
    ChartRequest request;
    request.first = ChartFixture::day(-6);
    request.last = ChartFixture::day(0);
    const auto figures = ChartLoader::load(*m_db, request);
    QVERIFY2(figures, qPrintable(figures ? QString() : figures.error().message));
    const QString fileName = m_dir.filePath(ChartKinds::name(chartKind) + QLatin1Char('.') + suffix);
    const Status written = ChartExporter::write(chartKind, figures->data, figures->scope, fileName);
    QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
    const QByteArray bytes = contentsOf(fileName);
    const QColor colour = signatureColour(chartKind);
    if (suffix == QLatin1String("png")) {
        const QImage image = QImage::fromData(bytes, "PNG");
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), ChartExporter::DefaultSize * ChartExporter::PngPixelRatio);
        const QSet<QRgb> seen = colours(image);
        QVERIFY2(seen.size() >= 8, qPrintable(QString::number(seen.size())));
        QVERIFY2(holds(image, colour), qPrintable(colour.name()));
        QVERIFY(holds(image, Qt::white)); // the background
    } else if (suffix == QLatin1String("svg")) {
        const QString text = QString::fromUtf8(bytes);
        QVERIFY(text.startsWith(QStringLiteral("<?xml")));
        // Slices are paths, bars are rectangles; filled with the chart's colour.
        QVERIFY(text.contains(QStringLiteral("<path")) || text.contains(QStringLiteral("<rect")));
        QVERIFY2(text.contains(QStringLiteral("fill=\"%1\"").arg(colour.name()), Qt::CaseInsensitive),
                 qPrintable(colour.name()));
        QVERIFY(text.contains(ChartKinds::title(chartKind)));
    } else {
        QVERIFY(bytes.startsWith("%PDF"));
        QVERIFY2(bytes.size() > 1024, qPrintable(QString::number(bytes.size())));
    }
}

void TestChartExport::emptyRangeIsWrittenWithANote()
{
    ChartRequest request;
    request.first = QDate(2001, 1, 1);
    request.last = QDate(2001, 1, 31);
    const auto figures = ChartLoader::load(*m_db, request);
    QVERIFY(figures);
    const QString fileName = m_dir.filePath(QStringLiteral("empty.svg"));
    QVERIFY(ChartExporter::write(ChartKind::CategoryShare, figures->data, figures->scope, fileName));
    const QString text = QString::fromUtf8(contentsOf(fileName));
    QVERIFY(text.contains(QStringLiteral("No transactions in this range")));
}

void TestChartExport::unknownExtensionIsRefused()
{
    const Status written = ChartExporter::write(ChartKind::CategoryShare, ChartData{}, QString(),
                                                m_dir.filePath(QStringLiteral("chart.gif")));
    QVERIFY(!written);
    QVERIFY(written.error().message.contains(QStringLiteral("chart.gif")));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("chart.gif"))));
}

TestChartExport::Run TestChartExport::xpadmin(const QStringList &arguments)
{
    QProcess process;
    // As from a cron job or an SSH session: no display, no platform chosen.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : {QStringLiteral("DISPLAY"), QStringLiteral("WAYLAND_DISPLAY"),
                                QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("XPADMIN_DB")})
        environment.remove(name);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(XPADMIN_GUI_PATH), arguments);
    Run run;
    if (!process.waitForStarted(30000) || !process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("did not run: ") + process.errorString();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

void TestChartExport::commandLineWorksWithoutADisplay()
{
    const QString out = m_dir.filePath(QStringLiteral("cli-over-time.png"));
    const Run run = xpadmin({QStringLiteral("--export-chart"), QStringLiteral("over-time"), QStringLiteral("--db"),
                             ChartFixture::location(m_spec), QStringLiteral("--out"), out});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("Wrote ")) && run.out.contains(QStringLiteral("over-time")),
             qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("9 transactions")), qPrintable(run.out));
    const QImage image(out);
    QVERIFY(!image.isNull());
    QVERIFY(colours(image).size() >= 8);
    QVERIFY(holds(image, CategoryPalette::color(Category::CorrectAnswer, ChartExporter::exportPalette())));
    QVERIFY(holds(image, CategoryPalette::color(Category::Achievement, ChartExporter::exportPalette())));
}

void TestChartExport::commandLineChartsOneUserOverDays()
{
    const QString out = m_dir.filePath(QStringLiteral("cli-alice.svg"));
    const Run run
        = xpadmin({QStringLiteral("--export-chart"), QStringLiteral("category-share"), QStringLiteral("--db"),
                   ChartFixture::location(m_spec), QStringLiteral("--user"), QStringLiteral("alice"),
                   QStringLiteral("--since"), ChartFixture::day(-2).toString(Qt::ISODate), QStringLiteral("--until"),
                   ChartFixture::day(-1).toString(Qt::ISODate), QStringLiteral("--out"), out});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    // 100 and 50 on day -2, 20 on day -1; not the 30 of today.
    QVERIFY2(run.out.contains(QStringLiteral("3 transactions")), qPrintable(run.out));
    const QString text = QString::fromUtf8(contentsOf(out));
    QVERIFY(text.contains(QStringLiteral("Alice Example")));
    QVERIFY(text.contains(QStringLiteral("150 XP")));
    QVERIFY(!text.contains(QStringLiteral("180 XP")));
}

void TestChartExport::commandLineRefusesBadInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("named"); // the option and value the message must name (DIR/: the test's folder)
    const QString png = QStringLiteral("chart.png");
    QTest::newRow("unknown kind") << QStringList{QStringLiteral("--export-chart"), QStringLiteral("pie"),
                                                 QStringLiteral("--out"), png}
                                  << QStringLiteral("--export-chart \"pie\"");
    QTest::newRow("bad date") << QStringList{QStringLiteral("--export-chart"), QStringLiteral("over-time"),
                                             QStringLiteral("--since"),        QStringLiteral("2026-13-01"),
                                             QStringLiteral("--out"),          png}
                              << QStringLiteral("--since \"2026-13-01\"");
    QTest::newRow("bad until") << QStringList{QStringLiteral("--export-chart"), QStringLiteral("over-time"),
                                              QStringLiteral("--until"),        QStringLiteral("yesterday"),
                                              QStringLiteral("--out"),          png}
                               << QStringLiteral("--until \"yesterday\"");
    QTest::newRow("until before since") << QStringList{QStringLiteral("--export-chart"), QStringLiteral("over-time"),
                                                       QStringLiteral("--since"),        QStringLiteral("2026-05-02"),
                                                       QStringLiteral("--until"),        QStringLiteral("2026-05-01"),
                                                       QStringLiteral("--out"),          png}
                                        << QStringLiteral("--until \"2026-05-01\"");
    QTest::newRow("unknown extension") << QStringList{QStringLiteral("--export-chart"), QStringLiteral("top-users"),
                                                      QStringLiteral("--out"), QStringLiteral("chart.gif")}
                                       << QStringLiteral("--out \"DIR/chart.gif\"");
    QTest::newRow("missing out") << QStringList{QStringLiteral("--export-chart"), QStringLiteral("top-users")}
                                 << QStringLiteral("--out");
    QTest::newRow("unknown user") << QStringList{QStringLiteral("--export-chart"), QStringLiteral("over-time"),
                                                 QStringLiteral("--user"),         QStringLiteral("nobody-here"),
                                                 QStringLiteral("--out"),          png}
                                  << QStringLiteral("--user \"nobody-here\"");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--export-chart"), QStringLiteral("over-time"),
                                                   QStringLiteral("--colour"), QStringLiteral("--out"), png}
                                    << QStringLiteral("colour");
}

void TestChartExport::commandLineRefusesBadInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, named);
    for (QString &argument : arguments) {
        if (argument.startsWith(QStringLiteral("chart.")))
            argument = m_dir.filePath(argument);
    }
    named.replace(QStringLiteral("DIR/"), m_dir.path() + QLatin1Char('/'));
    arguments << QStringLiteral("--db") << ChartFixture::location(m_spec);
    const Run run = xpadmin(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(named), qPrintable(run.err));
    QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0); // one line
    QVERIFY(run.out.isEmpty());
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("chart.png"))));
}

void TestChartExport::commandLineReportsADatabaseFailure()
{
    const QString missing = m_dir.filePath(QStringLiteral("no-such-ledger.sqlite"));
    Run run = xpadmin({QStringLiteral("--export-chart"), QStringLiteral("over-time"), QStringLiteral("--db"), missing,
                       QStringLiteral("--out"), m_dir.filePath(QStringLiteral("never.png"))});
    QCOMPARE(run.exitCode, 2); // no ledger there, as for every command but init
    QVERIFY2(run.err.contains(QStringLiteral("no ledger at %1").arg(missing)), qPrintable(run.err));
    QVERIFY(!QFile::exists(missing)); // reading does not create a database
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("never.png"))));

    run = xpadmin({QStringLiteral("--export-chart"), QStringLiteral("over-time"), QStringLiteral("--db"),
                   QStringLiteral("postgresql://nobody@127.0.0.1:1/nothing"), QStringLiteral("--out"),
                   m_dir.filePath(QStringLiteral("never.png"))});
    QCOMPARE(run.exitCode, 3);
    QVERIFY(!run.err.isEmpty());
}

QTEST_MAIN(TestChartExport)
#include "TestChartExport.moc"
