#include "tests/support/TestBackend.h"

#include "core/db/LockWaits.h"
#include "core/ledger/Ledger.h"
#include "core/session/LedgerSession.h"
#include "core/users/Users.h"
#include "ui/main/WaitSetting.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMenu>
#include <QSettings>
#include <QTest>
#include <QWidget>

// View > Wait for Locks, as a person uses it: the choice applies at once to the open ledger (a
// change behind another program's lock gives up after it), and is kept for the next run.
class TestWaitSetting final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QCoreApplication::setOrganizationName(QStringLiteral("xpadmin-tests")); }
    void init() { QSettings().clear(); }
    void choiceAppliesAndIsKept();

private:
    // The menu's choice of that many seconds (its words come with the translations).
    static QAction *choice(QMenu *menu, int seconds);
};

QAction *TestWaitSetting::choice(QMenu *menu, int seconds)
{
    for (QAction *action : menu->actions()) {
        if (action->data().toInt() == seconds * 1000 && action->text().contains(QString::number(seconds)))
            return action;
    }
    return nullptr;
}

void TestWaitSetting::choiceAppliesAndIsKept()
{
    XP_OPEN_FRESH_DB(spec, holder);
    QVERIFY(Users(*holder).add(QStringLiteral("u1"), QStringLiteral("u1@example.com"), QStringLiteral("U")));
    LedgerSession session(spec, QStringLiteral("desk"));
    QWidget window;
    QMenu *menu = WaitSetting::createMenu(&window, [&session] { return &session; });
    QAction *twenty = choice(menu, 20);
    QVERIFY(twenty && twenty->isChecked()); // the default
    QAction *fiveSeconds = choice(menu, 5);
    QVERIFY(fiveSeconds);
    fiveSeconds->trigger();
    QCOMPARE(session.waitLimit(), 5000);

    // Behind another program's lock, a change gives up after the chosen time, with nothing changed.
    const QByteArray before = TestBackend::contentDigest(*holder);
    QVERIFY(holder->execute(TestBackend::isPostgres() ? QStringLiteral("BEGIN; LOCK TABLE \"UserProfile\"")
                                                      : QStringLiteral("BEGIN IMMEDIATE")));
    std::optional<Result<LedgerChange>> result;
    QElapsedTimer clock;
    clock.start();
    session.mutate(
        this, [](Ledger &ledger) { return ledger.adjust(QStringLiteral("u1"), 5, QStringLiteral("behind a lock")); },
        [&result](const Result<LedgerChange> &done) { result = done; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
    const qint64 waited = clock.elapsed();
    QVERIFY(holder->execute(QStringLiteral("ROLLBACK")));
    QVERIFY(!result->ok());
    QVERIFY2(waited >= 4500 && waited < 9000, qPrintable(QString::number(waited)));
    QCOMPARE(TestBackend::contentDigest(*holder), before);

    // The next run starts with the choice.
    QCOMPARE(WaitSetting::milliseconds(), 5000);
    QMenu *again = WaitSetting::createMenu(&window, [] { return nullptr; });
    QVERIFY(choice(again, 5) && choice(again, 5)->isChecked());
    QVERIFY(choice(again, 20) && !choice(again, 20)->isChecked());
}

QTEST_MAIN(TestWaitSetting)
#include "TestWaitSetting.moc"
