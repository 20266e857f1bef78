// Writes pictures of the statement window and its PDF, to look at them:
//   statement_screenshot OUT_DIR [LANG] [WIDTHxHEIGHT]
// (run with QT_QPA_PLATFORM=offscreen). The PDF is written beside them as statement-LANG.pdf.
#include "tests/support/TestBackend.h"

#include "core/import/DemoGenerator.h"
#include "core/ledger/Ledger.h"
#include "core/session/LedgerSession.h"
#include "core/users/Users.h"
#include "translations/Translations.h"
#include "ui/statement/StatementWindow.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTest>

namespace {

void waitUntil(const std::function<bool()> &done, int timeoutMs = 30000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs)
        QTest::qWait(20);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QString outDir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QDir::currentPath();
    const QString language = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("en");
    const QStringList size
        = (argc > 3 ? QString::fromLocal8Bit(argv[3]) : QStringLiteral("1280x800")).split(QLatin1Char('x'));
    if (auto installed = Translations::install(language); !installed)
        qWarning("%s", qPrintable(installed.error().message));
    QString why;
    const auto spec = TestBackend::freshDatabase(&why);
    if (!spec) {
        qCritical("%s", qPrintable(why));
        return 1;
    }
    const QString userId = QStringLiteral("ckscreenshotuser000000001");
    {
        auto db = TestBackend::openInitialized(*spec, &why, QStringLiteral("Grace Hopper"));
        if (!db || !DemoGenerator(*db).generate({20, 600, 60, 7})) {
            qCritical("no demo data: %s", qPrintable(why));
            return 1;
        }
        (void)Users(*db).add(userId, QStringLiteral("ada@example.com"), QStringLiteral("Ada Lovelace"));
        Ledger ledger(*db);
        QStringList ids;
        for (int i = 0; i < 6; ++i) {
            AwardRequest award;
            award.userId = userId;
            award.amount = 250 * (i + 1);
            award.sourceId = QStringLiteral("attempt-%1").arg(4100 + i);
            award.description = QStringLiteral("Correct answer: problem #%1 (dynamic programming)").arg(4100 + i);
            award.category = i % 2 ? Category::StreakBonus : Category::CorrectAnswer;
            if (auto change = ledger.award(award); change && !change->rows.isEmpty())
                ids << change->rows.first().id;
        }
        (void)ledger.adjust(userId, -120, QStringLiteral("Refund of a duplicate award, ticket 5512"));
        (void)ledger.rollback({ids.at(1)}, QStringLiteral("Awarded twice"));
        (void)ledger.restore({ids.at(1)}, QStringLiteral("The rollback was a mistake"));
        (void)ledger.rollback({ids.at(4)}, QStringLiteral("Wrong problem"));
        (void)db->run(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = \"totalXP\" + 15 WHERE \"userId\" = :u"),
                      {{QStringLiteral(":u"), userId}});
        (void)ledger.recalculate(userId);
    }
    LedgerSession session(*spec, QStringLiteral("Grace Hopper"));
    bool opened = false;
    session.open(&app, [&](const Status &) { opened = true; });
    waitUntil([&] { return opened; });

    StatementWindow window(&session, userId);
    window.resize(size.value(0).toInt(), size.value(1).toInt());
    window.show();
    waitUntil([&] { return !window.isLoading() && window.statement().has_value(); });
    QTest::qWait(300);
    const QString suffix = language + QLatin1Char('-') + size.join(QLatin1Char('x'));
    window.grab().save(QDir(outDir).filePath(QStringLiteral("statement-%1.png").arg(suffix)));
    if (window.statement()) {
        const auto written = StatementDocument::writePdf(
            *window.statement(), QDir(outDir).filePath(QStringLiteral("statement-%1.pdf").arg(language)),
            window.documentOptions());
        if (!written)
            qWarning("%s", qPrintable(written.error().message));
    }
    return 0;
}
