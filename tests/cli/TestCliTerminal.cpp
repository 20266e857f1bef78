#include "tests/cli/CliFixture.h"
#include "tests/cli/CliRunner.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using Run = CliRunner::Run;

namespace {

// A reason written to take over the screen of whoever reads it: retitle the window and clear
// it (ESC, BEL), a C1 control sequence introducer, DEL, and bidi controls that would show the
// rest of the line reversed.
QString hostile()
{
    return QString::fromUtf8("\x1b]0;pwned\x07\x1b[2J") + QChar(0x202e) + QStringLiteral("evil") + QChar(0x9b)
        + QStringLiteral("31m") + QChar(0x7f) + QChar(0x2066) + QChar(0x200f) + QChar(0x2028) + QChar(0x061c)
        + QStringLiteral("end");
}

// How xpadmin-cli is to show it: every control written out, the text around it as it is.
const QString Shown = QStringLiteral("\\e]0;pwned\\a\\e[2J\\u202Eevil\\u009B31m\\u007F\\u2066\\u200F\\u2028\\u061Cend");

// The first character in the output that a terminal would act on, or -1. Written out here
// rather than taken from the program, so that the test checks the program.
qsizetype firstUnsafe(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        const bool control = (c < 0x20 && c != u'\n') || (c >= 0x7f && c <= 0x9f);
        const bool bidi = c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e)
            || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
        if (control || bidi)
            return i;
    }
    return -1;
}

QString problem(const QString &what, const Run &run)
{
    for (const QString *stream : {&run.out, &run.err}) {
        if (const qsizetype at = firstUnsafe(*stream); at >= 0)
            return QStringLiteral("%1: U+%2 printed raw at %3:\n%4")
                .arg(what, QString::number(stream->at(at).unicode(), 16))
                .arg(at)
                .arg(run.describe().toHtmlEscaped());
    }
    return {};
}

} // namespace

// Text one person typed (a reason, a name, a user id) reaches another person's terminal through
// xpadmin-cli: it must show there as text and never act as a control sequence.
class TestCliTerminal final : public QObject, private CliFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { requireProgram(); }
    void init();
    void cleanup() { closeDatabase(); }

    void listsShowControlsEscaped();
    void jsonKeepsTheTextExactly();
    void errorsAndFindingsShowControlsEscaped();

private:
    QString m_pendingId;
};

void TestCliTerminal::init()
{
    openDatabase();
    if (QTest::currentTestFailed())
        return;
    CLI_EXIT(
        m_cli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--id"), QStringLiteral("alice"),
               QStringLiteral("--email"), QStringLiteral("alice@example.com"), QStringLiteral("--name"), hostile()}),
        0);
    CLI_EXIT(m_cli({QStringLiteral("adjust"), QStringLiteral("--user"), QStringLiteral("alice"),
                    QStringLiteral("--amount"), QStringLiteral("10"), QStringLiteral("--reason"), hostile()}),
             0);
    CLI_EXIT(m_cli({QStringLiteral("pending"), QStringLiteral("threshold"), QStringLiteral("50")}), 0);
    const Run held
        = m_cli({QStringLiteral("--json"), QStringLiteral("adjust"), QStringLiteral("--user"), QStringLiteral("alice"),
                 QStringLiteral("--amount"), QStringLiteral("500"), QStringLiteral("--reason"), hostile()});
    QVERIFY2(held.exitCode == 0, qPrintable(held.describe()));
    m_pendingId
        = held.json().object().value(QStringLiteral("request")).toObject().value(QStringLiteral("id")).toString();
    QVERIFY2(!m_pendingId.isEmpty(), qPrintable(held.describe()));
}

void TestCliTerminal::listsShowControlsEscaped()
{
    const QList<QStringList> commands{
        {QStringLiteral("history")},
        {QStringLiteral("history"), QStringLiteral("--text"), QStringLiteral("pwned")},
        {QStringLiteral("pending"), QStringLiteral("list")},
        {QStringLiteral("user"), QStringLiteral("show"), QStringLiteral("--id"), QStringLiteral("alice")},
        {QStringLiteral("user"), QStringLiteral("find"), QStringLiteral("alice")},
    };
    for (const QStringList &command : commands) {
        const Run run = m_cli(command);
        const QString what = command.join(QLatin1Char(' '));
        QVERIFY2(run.exitCode == 0, qPrintable(what + QLatin1Char('\n') + run.describe()));
        const QString found = problem(what, run);
        QVERIFY2(found.isEmpty(), qPrintable(found));
        QVERIFY2(run.out.contains(Shown),
                 qPrintable(what + QStringLiteral(" does not show ") + Shown + QLatin1Char('\n') + run.describe()));
    }
    // Columns still line up: the escaped reason is the last column of the pending list, after the
    // requester, and the header's REASON starts where it does.
    const Run pending = m_cli({QStringLiteral("pending"), QStringLiteral("list")});
    const QStringList lines = pending.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(1).indexOf(Shown), lines.at(0).indexOf(QStringLiteral("REASON")));
}

void TestCliTerminal::jsonKeepsTheTextExactly()
{
    const Run history = m_cli({QStringLiteral("--json"), QStringLiteral("history")});
    QVERIFY2(history.exitCode == 0, qPrintable(history.describe()));
    QString found = problem(QStringLiteral("history --json"), history);
    QVERIFY2(found.isEmpty(), qPrintable(found));
    QJsonParseError error{};
    const QJsonDocument rows = QJsonDocument::fromJson(history.out.toUtf8(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError,
             qPrintable(error.errorString() + QLatin1Char('\n') + history.out));
    QCOMPARE(rows.array().size(), 1);
    QCOMPARE(rows.array().at(0).toObject().value(QStringLiteral("description")).toString(), hostile());

    const Run pending = m_cli({QStringLiteral("--json"), QStringLiteral("pending"), QStringLiteral("list")});
    found = problem(QStringLiteral("pending list --json"), pending);
    QVERIFY2(found.isEmpty(), qPrintable(found));
    const QJsonArray requests = pending.json().array();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.at(0).toObject().value(QStringLiteral("reason")).toString(), hostile());
    QCOMPARE(requests.at(0).toObject().value(QStringLiteral("id")).toString(), m_pendingId);

    const Run user = m_cli({QStringLiteral("--json"), QStringLiteral("user"), QStringLiteral("show"),
                            QStringLiteral("--id"), QStringLiteral("alice")});
    found = problem(QStringLiteral("user show --json"), user);
    QVERIFY2(found.isEmpty(), qPrintable(found));
    QCOMPARE(user.json().object().value(QStringLiteral("name")).toString(), hostile());
}

void TestCliTerminal::errorsAndFindingsShowControlsEscaped()
{
    // An error on stderr that quotes what was typed.
    const Run unknown = m_cli({QStringLiteral("user"), QStringLiteral("show"), QStringLiteral("--id"), hostile()});
    QCOMPARE(unknown.exitCode, 2);
    QString found = problem(QStringLiteral("user show --id HOSTILE"), unknown);
    QVERIFY2(found.isEmpty(), qPrintable(found));
    QVERIFY2(unknown.err.contains(Shown), qPrintable(unknown.describe()));
    QVERIFY2(CliRunner::isOneErrorLine(unknown.err), qPrintable(unknown.describe()));

    // A finding of verify that names a user whose id is hostile.
    CLI_EXIT(m_cli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--id"), hostile(),
                    QStringLiteral("--email"), QStringLiteral("mallory@example.com")}),
             0);
    CLI_EXIT(m_cli(award(hostile(), QStringLiteral("5"), QStringLiteral("quiz-1"), QStringLiteral("quiz"))), 0);
    exec(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = 99 WHERE \"userId\" = :user"),
         {{QStringLiteral(":user"), hostile()}});
    const Run verify = m_cli({QStringLiteral("verify")});
    QVERIFY2(verify.exitCode != 0, qPrintable(verify.describe()));
    found = problem(QStringLiteral("verify"), verify);
    QVERIFY2(found.isEmpty(), qPrintable(found));
    QVERIFY2(verify.out.contains(Shown), qPrintable(verify.describe()));
}

QTEST_GUILESS_MAIN(TestCliTerminal)
#include "TestCliTerminal.moc"
