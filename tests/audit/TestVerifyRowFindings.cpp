#include "tests/support/TestBackend.h"

#include "core/ledger/Ledger.h"
#include "core/ledger/Verifier.h"
#include "core/users/Users.h"
#include "ui/audit/RowFindingsList.h"
#include "ui/audit/VerifyResultPanel.h"

#include <QLabel>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

// The verify panel's transactions part, on a real ledger tampered with by plain SQL: each
// difference is listed with its field, both values and the event, and leads to that event.
class TestVerifyRowFindings final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void differencesAreListedAndLeadToTheirEvent();
    void cleanLedgerSaysHowManyMatchAndWhatIsNotProvable();

private:
    VerifyReport verify();
    void exec(const QString &sql);

    std::unique_ptr<Database> m_db;
    QStringList m_ids;
};

void TestVerifyRowFindings::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    QVERIFY(Users(*m_db).add(QStringLiteral("u1"), QStringLiteral("u1@example.com"), {}));
    m_ids.clear();
    for (int i = 1; i <= 3; ++i) {
        auto change = Ledger(*m_db).award({QStringLiteral("u1"), i * 10, SourceType::UserProblemAttempt,
                                           QStringLiteral("attempt-%1").arg(i), QStringLiteral("answer %1").arg(i),
                                           Category::CorrectAnswer});
        QVERIFY(change);
        m_ids << change->rows.first().id;
    }
}

void TestVerifyRowFindings::cleanup()
{
    m_db.reset();
}

VerifyReport TestVerifyRowFindings::verify()
{
    auto report = Verifier(*m_db).verify();
    return report ? *report : VerifyReport{};
}

void TestVerifyRowFindings::exec(const QString &sql)
{
    auto rows = m_db->run(sql);
    QVERIFY2(rows, qPrintable(rows ? QString() : rows.error().message));
}

void TestVerifyRowFindings::differencesAreListedAndLeadToTheirEvent()
{
    exec(QStringLiteral("UPDATE \"UserXP\" SET \"description\" = 'edited' WHERE \"id\" = '%1'").arg(m_ids.at(0)));
    exec(QStringLiteral("DELETE FROM \"UserXP\" WHERE \"id\" = '%1'").arg(m_ids.at(2)));
    exec(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = 30"));

    VerifyResultPanel panel;
    QSignalSpy shown(&panel, &VerifyResultPanel::showEventRequested);
    panel.resize(900, 400);
    panel.showReport(verify());
    QVERIFY(panel.isVisible());
    // Plural forms ("differences") come with the English translation file; the count and words are checked.
    QVERIFY2(panel.summaryText().contains(QRegularExpression(
                 QStringLiteral("all totals match; 2 difference(s|\\(s\\)) between transactions and the audit log$"))),
             qPrintable(panel.summaryText()));
    const RowFindingsList *list = panel.rowFindings();
    QVERIFY2(
        list->titleText().contains(QRegularExpression(QStringLiteral("^2 difference(s|\\(s\\)) from the audit log:$"))),
        qPrintable(list->titleText()));
    auto *tree = list->findChild<QTreeWidget *>(QStringLiteral("verifyRows"));
    QVERIFY(tree && tree->isVisible());
    QCOMPARE(tree->topLevelItemCount(), 2);
    const auto rowOf = [&](const QString &id) -> QTreeWidgetItem * {
        for (int i = 0; i < tree->topLevelItemCount(); ++i) {
            if (tree->topLevelItem(i)->text(RowFindingsList::RowColumn) == id)
                return tree->topLevelItem(i);
        }
        return nullptr;
    };
    QTreeWidgetItem *edited = rowOf(m_ids.at(0));
    QVERIFY(edited);
    QCOMPARE(edited->text(RowFindingsList::FieldColumn), QStringLiteral("description"));
    QCOMPARE(edited->text(RowFindingsList::TableColumn), QStringLiteral("edited"));
    QCOMPARE(edited->text(RowFindingsList::LogColumn), QStringLiteral("answer 1"));
    QCOMPARE(edited->text(RowFindingsList::EventColumn), QStringLiteral("2 (Award)"));
    QTreeWidgetItem *missing = rowOf(m_ids.at(2));
    QVERIFY(missing);
    QCOMPARE(missing->text(RowFindingsList::TableColumn), QStringLiteral("missing"));
    // The user by name, as everywhere in the window; the id is in the row's tooltip.
    QVERIFY2(missing->text(RowFindingsList::LogColumn).startsWith(QLatin1String("u1@example.com, amount "))
                 && !missing->text(RowFindingsList::LogColumn).contains(QLatin1String("user ")),
             qPrintable(missing->text(RowFindingsList::LogColumn)));
    QCOMPARE(missing->text(RowFindingsList::EventColumn), QStringLiteral("4 (Award)"));
    auto *advice = list->findChild<QLabel *>(QStringLiteral("verifyRowsAdvice"));
    QVERIFY(advice && advice->isVisible());
    QVERIFY2(advice->text().contains(QLatin1String("never changes a transaction")), qPrintable(advice->text()));

    emit tree->itemDoubleClicked(missing, 0);
    QCOMPARE(shown.size(), 1);
    QCOMPARE(shown.first().first().toLongLong(), 4);

    if (!qEnvironmentVariableIsEmpty("XPADMIN_VERIFY_ROWS_PNG"))
        panel.grab().save(qEnvironmentVariable("XPADMIN_VERIFY_ROWS_PNG"));
}

void TestVerifyRowFindings::cleanLedgerSaysHowManyMatchAndWhatIsNotProvable()
{
    exec(QStringLiteral("INSERT INTO \"UserXP\" SELECT 'web-1', \"userId\", 5, \"sourceType\", 'web', 'web', "
                        "\"category\", \"createdAt\", \"updatedAt\" FROM \"UserXP\" WHERE \"id\" = '%1'")
             .arg(m_ids.at(0)));
    exec(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = 65"));
    VerifyResultPanel panel;
    panel.showReport(verify());
    QCOMPARE(panel.summaryText(), QStringLiteral("Chain intact: 4 events checked; all totals match"));
    const RowFindingsList *list = panel.rowFindings();
    QVERIFY2(list->titleText().contains(
                 QRegularExpression(QStringLiteral("^3 transaction(s|\\(s\\)) match the audit log\\.$"))),
             qPrintable(list->titleText()));
    QVERIFY(!list->findChild<QTreeWidget *>(QStringLiteral("verifyRows"))->isVisibleTo(&panel));
    QVERIFY2(list->unprovableText().contains(QRegularExpression(QStringLiteral(
                 "^Not provable: 1 transaction(\\(s\\))? the audit log never saw, created .+ to .+\\.$"))),
             qPrintable(list->unprovableText()));
}

QTEST_MAIN(TestVerifyRowFindings)
#include "TestVerifyRowFindings.moc"
