#include "tests/cli/CliRunner.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

using Run = CliRunner::Run;

// The man page is generated from the program's own help at build time, so it cannot drift:
// every command, every option of every command and every exit status the program defines is in
// it. A command, option or status added to the program and missing here fails the build's tests.
class TestManPage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void listsEveryCommandAndOption();
    void listsEveryExitStatus();
    void rendersWithoutRoffErrors();

private:
    static QString roff(const QString &text) { return QString(text).replace(QLatin1Char('-'), QStringLiteral("\\-")); }
    // Each row of a section of --help ("  init   Create ...") by its first word.
    static QStringList sectionWords(const QString &help, const QString &title);
    static QStringList optionsOf(const QString &help);
    // The text of the man page's subsection for one command (".SS init" up to the next).
    QString commandSection(const QString &command) const;

    QString m_page;
    QString m_help;
};

void TestManPage::initTestCase()
{
    QFile file(QStringLiteral(XPADMIN_MAN_PAGE));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName() + QStringLiteral(": ") + file.errorString()));
    m_page = QString::fromUtf8(file.readAll());
    const Run help = CliRunner::raw({QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    m_help = help.out;
}

QStringList TestManPage::sectionWords(const QString &help, const QString &title)
{
    QStringList words;
    bool inside = false;
    for (const QString &line : help.split(QLatin1Char('\n'))) {
        if (!line.startsWith(QLatin1Char(' ')) && line.endsWith(QLatin1Char(':'))) {
            inside = line.startsWith(title);
            continue;
        }
        if (inside && line.startsWith(QLatin1String("  ")) && !line.startsWith(QLatin1String("   ")))
            words << line.trimmed().section(QLatin1Char(' '), 0, 0);
        else if (!line.startsWith(QLatin1Char(' ')))
            inside = false;
    }
    return words;
}

QStringList TestManPage::optionsOf(const QString &help)
{
    QStringList options;
    static const QRegularExpression option(QStringLiteral("^  (--[a-z-]+)"), QRegularExpression::MultilineOption);
    for (auto it = option.globalMatch(help); it.hasNext();)
        options << it.next().captured(1);
    options.removeAll(QStringLiteral("--help"));
    return options;
}

QString TestManPage::commandSection(const QString &command) const
{
    const QString start = QStringLiteral("\n.SS ") + roff(command) + QLatin1Char('\n');
    const qsizetype from = m_page.indexOf(start);
    if (from < 0)
        return {};
    qsizetype to = m_page.indexOf(QLatin1String("\n.S"), from + start.size());
    return m_page.mid(from, to < 0 ? -1 : to - from);
}

void TestManPage::listsEveryCommandAndOption()
{
    const QStringList commands = sectionWords(m_help, QStringLiteral("Commands"));
    for (const char *expected : {"user", "pending", "audit", "password", "roles", "verify", "history"})
        QVERIFY2(commands.contains(QLatin1String(expected)), expected);
    for (const QString &command : commands) {
        const QString section = commandSection(command);
        QVERIFY2(!section.isEmpty(), qPrintable(command + QStringLiteral(" is not in the man page")));
        const Run help
            = CliRunner::raw({QStringLiteral("--lang"), QStringLiteral("en"), command, QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const QString &option : optionsOf(help.out))
            QVERIFY2(section.contains(roff(option)), qPrintable(command + QLatin1Char(' ') + option));
        // Subcommands: each one's own options are there too.
        static const QRegularExpression usage(QStringLiteral("xpadmin-cli \\[global options\\] ") + command
                                              + QStringLiteral(" ([a-z]+)"));
        for (auto it = usage.globalMatch(help.out); it.hasNext();) {
            const QString sub = it.next().captured(1);
            QVERIFY2(section.contains(QStringLiteral("\\fB") + roff(command + QLatin1Char(' ') + sub)
                                      + QStringLiteral("\\fR")),
                     qPrintable(command + QLatin1Char(' ') + sub));
            const Run subHelp = CliRunner::raw(
                {QStringLiteral("--lang"), QStringLiteral("en"), command, sub, QStringLiteral("--help")});
            QCOMPARE(subHelp.exitCode, 0);
            for (const QString &option : optionsOf(subHelp.out))
                QVERIFY2(section.contains(roff(option)),
                         qPrintable(command + QLatin1Char(' ') + sub + QLatin1Char(' ') + option));
        }
    }
    QVERIFY(commandSection(QStringLiteral("verify")).contains(QLatin1String("\\fB\\-\\-anchor\\fR")));
    for (const QString &option : sectionWords(m_help, QStringLiteral("Global options")))
        QVERIFY2(m_page.contains(QStringLiteral("\\fB") + roff(option)), qPrintable(option));
}

void TestManPage::listsEveryExitStatus()
{
    QFile header(QStringLiteral(XPADMIN_EXIT_CODE_HEADER));
    QVERIFY(header.open(QIODevice::ReadOnly));
    const QString source = QString::fromUtf8(header.readAll());
    static const QRegularExpression constant(QStringLiteral("constexpr int (\\w+) = (\\d+);"));
    const qsizetype from = m_page.indexOf(QLatin1String("\n.SH EXIT STATUS\n"));
    QVERIFY(from >= 0);
    const QString section = m_page.mid(from, m_page.indexOf(QLatin1String("\n.SH "), from + 1) - from);
    int count = 0;
    for (auto it = constant.globalMatch(source); it.hasNext(); ++count) {
        const auto match = it.next();
        QVERIFY2(section.contains(QStringLiteral(".TP\n\\fB%1\\fR\n").arg(match.captured(2))),
                 qPrintable(match.captured(1) + QStringLiteral(" = ") + match.captured(2)));
    }
    QVERIFY(count >= 6);
}

void TestManPage::rendersWithoutRoffErrors()
{
    // No stray request or unescaped line start that groff would warn about.
    static const QRegularExpression known(
        QStringLiteral("^\\.(TH|SH|SS|TP|PP|RS|RE|nf|fi|B|BR|I|IR|RB|BI|br|\\\\\")( |$)"));
    for (const QString &line : m_page.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1Char('.')) || line.startsWith(QLatin1Char('\'')))
            QVERIFY2(known.match(line).hasMatch(), qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(TestManPage)
#include "TestManPage.moc"
