#include "tests/support/TestBackend.h"

#include "core/ledger/Ledger.h"
#include "core/session/LedgerSession.h"
#include "core/users/Users.h"
#include "models/AuditModel.h"
#include "ui/audit/AuditEventDetail.h"
#include "ui/audit/AuditLogView.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QLineEdit>
#include <QTableView>
#include <QTest>

// The audit log's user filter as an auditor uses it: a user picked elsewhere shows by name with
// the id in the tooltip, and a name, an email or an id typed by hand finds the user; the log is
// filtered by the id, checked against the database.
class TestAuditUserFilter final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void userFilterNamesTheUser();
    void userFilterFindsUsersByNameAndEmail();

private:
    QString table() const { return m_db->dialect().ownTable(QStringLiteral("audit_event")); }
    qint64 sqlCount(const QString &where = {});
    bool waitIdle();
    QPoint rowCenter(int row) const;
    QLineEdit *userField() const;

    std::unique_ptr<Database> m_db;
    std::unique_ptr<LedgerSession> m_session;
    std::unique_ptr<AuditLogView> m_view;
    const QString m_adaId = QStringLiteral("cmx9vwku0000ada0lovelace1");
    const QString m_adaEmail = QStringLiteral("ada.lovelace@example.com");
    const QString m_byronId = QStringLiteral("cmx9vwku0000ada0byron0002");
};

void TestAuditUserFilter::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    // Users without a name (u1..u3) and two with names and ids of the length the app makes.
    for (const QString &user : {QStringLiteral("u1"), QStringLiteral("u2"), QStringLiteral("u3")})
        QVERIFY(Users(*m_db).add(user, user + QStringLiteral("@example.com"), {}));
    QVERIFY(Users(*m_db).add(m_adaId, m_adaEmail, QStringLiteral("Ada Lovelace")));
    QVERIFY(Users(*m_db).add(m_byronId, QStringLiteral("ada.byron@example.com"), QStringLiteral("Ada Byron")));
    QVERIFY(Ledger(*m_db).award({m_adaId, 40, SourceType::DailyStreak, QStringLiteral("streak-ada"),
                                 QStringLiteral("streak"), Category::StreakBonus}));
    QVERIFY(Ledger(*m_db).award({QStringLiteral("u2"), 10, SourceType::DailyStreak, QStringLiteral("streak-u2"),
                                 QStringLiteral("streak"), Category::StreakBonus}));

    m_session = std::make_unique<LedgerSession>(spec, QStringLiteral("tester"));
    bool opened = false;
    m_session->open(this, [&opened](const Status &status) { opened = status.ok(); });
    QTRY_VERIFY(opened);
    m_view = std::make_unique<AuditLogView>(m_session.get());
    m_view->resize(1100, 700);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    QVERIFY(waitIdle());
    QTRY_COMPARE(m_view->model()->rowCount(), int(sqlCount()));
}

void TestAuditUserFilter::cleanup()
{
    m_view.reset();
    m_session.reset();
    m_db.reset();
}

qint64 TestAuditUserFilter::sqlCount(const QString &where)
{
    return TestBackend::scalar(*m_db,
                               QStringLiteral("SELECT count(*) FROM %1 %2")
                                   .arg(table(), where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where))
        .toLongLong();
}

bool TestAuditUserFilter::waitIdle()
{
    return QTest::qWaitFor([this] { return !m_view->model()->isLoading(); }, 20000);
}

QPoint TestAuditUserFilter::rowCenter(int row) const
{
    return m_view->table()->visualRect(m_view->model()->index(row, AuditModel::Action)).center();
}

QLineEdit *TestAuditUserFilter::userField() const
{
    return m_view->findChild<QLineEdit *>(QStringLiteral("auditUserFilter"));
}

// Picked from a row (Ctrl+U) or from the main window, the user shows by name, never as a cuid;
// the id is in the tooltip, and the log is filtered by the id.
void TestAuditUserFilter::userFilterNamesTheUser()
{
    QLineEdit *field = userField();
    QVERIFY(field);
    const qint64 adaEvents = sqlCount(QStringLiteral("user_id = '%1'").arg(m_adaId));
    QCOMPARE(adaEvents, 2); // added, awarded

    // Show only this user, from an event of Ada's.
    const qint64 seq = TestBackend::scalar(
                           *m_db, QStringLiteral("SELECT max(seq) FROM %1 WHERE user_id = '%2'").arg(table(), m_adaId))
                           .toLongLong();
    QTest::mouseClick(m_view->table()->viewport(), Qt::LeftButton, {}, rowCenter(m_view->model()->rowOfSeq(seq)));
    QTRY_COMPARE(m_view->detail()->shownSeq(), seq);
    QTest::keyClick(m_view->table(), Qt::Key_U, Qt::ControlModifier);
    QCOMPARE(m_view->model()->filter().userId, m_adaId);
    QTRY_COMPARE(field->text(), QStringLiteral("Ada Lovelace"));
    QVERIFY2(field->toolTip().contains(m_adaId), qPrintable(field->toolTip()));
    QVERIFY(waitIdle());
    QTRY_COMPARE(m_view->model()->rowCount(), int(adaEvents));
    for (int row = 0; row < m_view->model()->rowCount(); ++row)
        QCOMPARE(m_view->model()->eventAt(row).userId, m_adaId);

    // From elsewhere (the users pane, a history row): another user, by name again.
    m_view->setUserFilter(m_byronId);
    QCOMPARE(m_view->model()->filter().userId, m_byronId);
    QTRY_COMPARE(field->text(), QStringLiteral("Ada Byron"));
    QVERIFY(field->toolTip().contains(m_byronId));
    // A user without a name shows by email; one who is not in "User" (any more) by the id.
    m_view->setUserFilter(QStringLiteral("u2"));
    QTRY_COMPARE(field->text(), QStringLiteral("u2@example.com"));
    m_view->setUserFilter(QStringLiteral("gone-user"));
    QTRY_COMPARE(field->text(), QStringLiteral("gone-user"));
    QCOMPARE(m_view->model()->filter().userId, QStringLiteral("gone-user"));
    m_view->setUserFilter({});
    QVERIFY(field->text().isEmpty());
    QVERIFY(waitIdle());
    QTRY_COMPARE(m_view->model()->rowCount(), int(sqlCount()));
}

// Typed by hand: a name, an email or an id finds the user; a text several users share offers
// them in a list to pick from.
void TestAuditUserFilter::userFilterFindsUsersByNameAndEmail()
{
    QLineEdit *field = userField();
    field->setFocus();
    QTest::keyClicks(field, QStringLiteral("lovelace"));
    QTRY_COMPARE(m_view->model()->filter().userId, m_adaId); // the only match
    QCOMPARE(field->text(), QStringLiteral("lovelace")); // what was typed stays
    QVERIFY(field->toolTip().contains(QStringLiteral("Ada Lovelace")));

    field->clear();
    QTest::keyClicks(field, m_adaEmail.toUpper());
    QTRY_COMPARE(m_view->model()->filter().userId, m_adaId);

    field->selectAll();
    QTest::keyClick(field, Qt::Key_Backspace);
    QTRY_VERIFY(m_view->model()->filter().userId.isEmpty());

    // "ada" is in two names: no one is taken, the list offers both.
    QTest::keyClicks(field, QStringLiteral("ada"));
    auto *completer = field->findChild<QCompleter *>();
    QVERIFY(completer);
    QTRY_COMPARE(m_view->model()->filter().userId, QStringLiteral("ada"));
    QTRY_VERIFY(completer->popup()->isVisible());
    QAbstractItemModel *list = completer->popup()->model();
    QTRY_COMPARE(list->rowCount(), 2);
    QVERIFY(waitIdle());
    QTRY_COMPARE(m_view->model()->rowCount(), 0);
    QStringList offered;
    for (int row = 0; row < list->rowCount(); ++row)
        offered << list->index(row, 0).data().toString();
    QVERIFY2(offered.contains(QStringLiteral("Ada Byron <ada.byron@example.com>")), qPrintable(offered.join(u'|')));
    // Picking one from the list shows the name and filters by the id.
    const int byron = offered.indexOf(QStringLiteral("Ada Byron <ada.byron@example.com>"));
    completer->popup()->setCurrentIndex(list->index(byron, 0));
    QTest::keyClick(completer->popup(), Qt::Key_Return);
    QTRY_COMPARE(m_view->model()->filter().userId, m_byronId);
    QCOMPARE(field->text(), QStringLiteral("Ada Byron"));
    QVERIFY(field->toolTip().contains(m_byronId));
    QVERIFY(waitIdle());
    QTRY_COMPARE(m_view->model()->rowCount(), int(sqlCount(QStringLiteral("user_id = '%1'").arg(m_byronId))));
}

QTEST_MAIN(TestAuditUserFilter)
#include "TestAuditUserFilter.moc"
