#include "tests/actions/ActionFixture.h"

#include "core/ledger/Ledger.h"
#include "core/reasons/ReasonCodes.h"
#include "models/HistoryModel.h"
#include "ui/actions/AdjustDialog.h"
#include "ui/audit/AuditEventDetail.h"
#include "ui/common/FieldNote.h"
#include "ui/reasons/ReasonCodeFields.h"
#include "ui/reasons/ReasonCodesDialog.h"
#include "ui/reasons/ReasonTooltip.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QToolTip>

// The window's side of reason codes: the Adjust dialog's code and ticket, driven as a support
// person drives it; Ledger > Reason Codes… as an admin keeps the codes (and read-only for
// others); and the audit detail naming a change's code by its label with its ticket as a link.
class TestReasonWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void adjustTakesCodeAndTicket();
    void requiredTicketRefusedInline();
    void noCodesNoChoice();
    void dialogKeepsCodes();
    void dialogRefusesBadInputInline();
    void dialogIsReadOnlyForOthers();
    void auditDetailShowsLabelAndLink();
    void historyTooltipNamesCodeAndTicket();

private:
    AdjustDialog *openAdjust();
    ReasonCodesDialog *openCodes(const QString &refusal = {});
    // The stored code and ticket of the user's newest transaction, by plain SQL ("" for none).
    QString storedTag(const QString &userId);

    std::unique_ptr<ActionFixture> m_fx;
};

void TestReasonWindow::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestReasonWindow::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_fx = std::make_unique<ActionFixture>(spec, std::move(db));
    QVERIFY(m_fx->addUser(QStringLiteral("alice"), QStringLiteral("Alice Martin")));
    QVERIFY(!m_fx->award(QStringLiteral("alice"), 100, QStringLiteral("attempt-1")).id.isEmpty());
}

void TestReasonWindow::cleanup()
{
    m_fx.reset();
}

AdjustDialog *TestReasonWindow::openAdjust()
{
    auto *dialog = new AdjustDialog(m_fx->session(), QStringLiteral("alice"), m_fx->window());
    dialog->show();
    if (!QTest::qWaitForWindowExposed(dialog))
        qWarning("the dialog was not exposed");
    return dialog;
}

ReasonCodesDialog *TestReasonWindow::openCodes(const QString &refusal)
{
    auto *dialog = new ReasonCodesDialog(m_fx->session(), refusal, m_fx->window());
    dialog->show();
    if (!QTest::qWaitForWindowExposed(dialog))
        qWarning("the dialog was not exposed");
    return dialog;
}

QString TestReasonWindow::storedTag(const QString &userId)
{
    return TestBackend::scalar(
               m_fx->db(),
               QStringLiteral("SELECT COALESCE(r.reason_code, '') || '|' || COALESCE(r.ticket, '') FROM "
                              "\"UserXP\" x LEFT JOIN %1 r ON r.xp_id = x.\"id\" WHERE x.\"userId\" = "
                              ":user ORDER BY x.\"createdAt\" DESC, x.\"id\" DESC LIMIT 1")
                   .arg(m_fx->db().dialect().ownTable(QStringLiteral("xp_reason"))),
               {{QStringLiteral(":user"), userId}})
        .toString();
}

void TestReasonWindow::adjustTakesCodeAndTicket()
{
    ReasonCodes codes(m_fx->db());
    QVERIFY(codes.add(QStringLiteral("BUG_COMP"), QStringLiteral("Bug compensation"), false));
    QVERIFY(codes.add(QStringLiteral("FRAUD"), QStringLiteral("Fraud reversal"), true));
    QVERIFY(codes.add(QStringLiteral("OLD"), QStringLiteral("Old promotion"), false));
    QVERIFY(codes.retire(QStringLiteral("OLD")));
    AdjustDialog *dialog = openAdjust();
    auto *combo = dialog->findChild<QComboBox *>(QStringLiteral("reasonCodeCombo"));
    QVERIFY(combo);
    QTRY_VERIFY(combo->isVisible());
    // Labels, not codes, and no retired code.
    QStringList shown;
    for (int i = 0; i < combo->count(); ++i)
        shown << combo->itemText(i);
    QCOMPARE(shown,
             (QStringList{QStringLiteral("Choose a reason…"), QStringLiteral("Bug compensation"),
                          QStringLiteral("Fraud reversal")}));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("amountEdit")), QStringLiteral("-40"));
    QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(QStringLiteral("reasonEdit")), QStringLiteral("chargeback"));
    QTRY_VERIFY(dialog->findChild<QLabel *>(QStringLiteral("currentTotal"))->text() == QStringLiteral("100"));
    QVERIFY(!dialog->confirmButton()->isEnabled()); // no code chosen yet
    combo->setCurrentIndex(combo->findText(QStringLiteral("Fraud reversal")));
    QVERIFY(!dialog->confirmButton()->isEnabled()); // its ticket is missing
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("ticketEdit")), QStringLiteral("ZD-4411"));
    QVERIFY(dialog->confirmButton()->isEnabled());
    QSignalSpy applied(dialog, &ActionDialog::applied);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_COMPARE(applied.count(), 1);
    QCOMPARE(storedTag(QStringLiteral("alice")), QStringLiteral("FRAUD|ZD-4411"));
    QCOMPARE(m_fx->cachedTotal(QStringLiteral("alice")), 60);
}

void TestReasonWindow::requiredTicketRefusedInline()
{
    QVERIFY(ReasonCodes(m_fx->db()).add(QStringLiteral("FRAUD"), QStringLiteral("Fraud reversal"), true));
    AdjustDialog *dialog = openAdjust();
    auto *combo = dialog->findChild<QComboBox *>(QStringLiteral("reasonCodeCombo"));
    QTRY_VERIFY(combo->isVisible());
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("amountEdit")), QStringLiteral("10"));
    QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(QStringLiteral("reasonEdit")), QStringLiteral("why"));
    combo->setCurrentIndex(1);
    auto *ticket = dialog->findChild<QLineEdit *>(QStringLiteral("ticketEdit"));
    QTest::keyClicks(ticket, QStringLiteral("ZD 1"));
    auto *note = dialog->findChild<FieldNote *>(QStringLiteral("ticketNote"));
    QVERIFY2(note->error().contains(QLatin1String("The ticket \"ZD 1\" is neither a ticket id")),
             qPrintable(note->error()));
    ticket->clear();
    QTest::keyClicks(ticket, QStringLiteral(" "));
    QVERIFY2(note->error().contains(QLatin1String("Fraud reversal needs a ticket")), qPrintable(note->error()));
    const QByteArray digest = TestBackend::contentDigest(m_fx->db());
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTest::keyClick(dialog, Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(m_fx->session()->interactive()->pendingJobs(), 0);
    QCOMPARE(TestBackend::contentDigest(m_fx->db()), digest);
    QVERIFY(dialog->isVisible());
}

void TestReasonWindow::noCodesNoChoice()
{
    AdjustDialog *dialog = openAdjust();
    QTRY_VERIFY(dialog->reasonCodeFields()->catalog().has_value());
    QVERIFY(!dialog->findChild<QComboBox *>(QStringLiteral("reasonCodeCombo"))->isVisible());
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("amountEdit")), QStringLiteral("5"));
    QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(QStringLiteral("reasonEdit")), QStringLiteral("goodwill"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("ticketEdit")),
                     QStringLiteral("https://desk.example.com/t/5"));
    QTRY_VERIFY(dialog->confirmButton()->isEnabled());
    QSignalSpy applied(dialog, &ActionDialog::applied);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_COMPARE(applied.count(), 1);
    QCOMPARE(storedTag(QStringLiteral("alice")), QStringLiteral("|https://desk.example.com/t/5"));
}

void TestReasonWindow::dialogKeepsCodes()
{
    ReasonCodesDialog *dialog = openCodes();
    QSignalSpy loaded(dialog, &ReasonCodesDialog::loaded);
    QTRY_VERIFY(dialog->isLoaded());
    QTest::keyClicks(dialog->codeEdit(), QStringLiteral("BUG_COMP"));
    QTest::keyClicks(dialog->labelEdit(), QStringLiteral("Bug compensation"));
    QTest::mouseClick(dialog->addButton(), Qt::LeftButton);
    QTRY_COMPARE(dialog->table()->rowCount(), 1);
    dialog->codeEdit()->clear();
    dialog->labelEdit()->clear();
    QTest::keyClicks(dialog->codeEdit(), QStringLiteral("FRAUD"));
    QTest::keyClicks(dialog->labelEdit(), QStringLiteral("Fraud"));
    dialog->ticketRequiredBox()->setChecked(true);
    QTest::mouseClick(dialog->addButton(), Qt::LeftButton);
    QTRY_COMPARE(dialog->table()->rowCount(), 2);
    // Relabel the selected code (FRAUD, just added), then retire BUG_COMP.
    QTRY_VERIFY(dialog->saveButton()->isEnabled());
    dialog->labelEdit()->clear();
    QTest::keyClicks(dialog->labelEdit(), QStringLiteral("Fraud reversal"));
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_COMPARE(dialog->table()->item(1, ReasonCodesDialog::Label)->text(), QStringLiteral("Fraud reversal"));
    dialog->table()->selectRow(0);
    QTRY_VERIFY(dialog->retireButton()->isEnabled());
    QTest::mouseClick(dialog->retireButton(), Qt::LeftButton);
    QTRY_COMPARE(dialog->table()->item(0, ReasonCodesDialog::State)->text(), QStringLiteral("retired"));
    QVERIFY(!dialog->retireButton()->isEnabled());
    dialog->patternEdit()->clear();
    QTest::keyClicks(dialog->patternEdit(), QStringLiteral("https://desk.example.com/ticket/{id}"));
    QTest::mouseClick(dialog->patternButton(), Qt::LeftButton);
    QTRY_COMPARE(ReasonCodes(m_fx->db()).catalog()->ticketPattern,
                 QStringLiteral("https://desk.example.com/ticket/{id}"));
    auto catalog = ReasonCodes(m_fx->db()).catalog();
    QCOMPARE(catalog->codes.size(), 2);
    QVERIFY(catalog->codes.at(0).retired);
    QCOMPARE(catalog->codes.at(1).label, QStringLiteral("Fraud reversal"));
    QVERIFY(catalog->codes.at(1).ticketRequired);
    QCOMPARE(m_fx->auditCount(QStringLiteral("reason-code")), 5);
}

void TestReasonWindow::dialogRefusesBadInputInline()
{
    QVERIFY(ReasonCodes(m_fx->db()).add(QStringLiteral("FRAUD"), QStringLiteral("Fraud reversal"), false));
    ReasonCodesDialog *dialog = openCodes();
    QTRY_VERIFY(dialog->isLoaded());
    dialog->table()->clearSelection();
    const QByteArray digest = TestBackend::contentDigest(m_fx->db());
    QTest::keyClicks(dialog->codeEdit(), QStringLiteral("bad code"));
    QTest::keyClicks(dialog->labelEdit(), QStringLiteral("Bad"));
    QTest::mouseClick(dialog->addButton(), Qt::LeftButton);
    QVERIFY2(dialog->codeNote()->error().contains(QLatin1String("is not a valid reason code")),
             qPrintable(dialog->codeNote()->error()));
    dialog->codeEdit()->clear();
    dialog->labelEdit()->clear();
    QTest::keyClicks(dialog->codeEdit(), QStringLiteral("FRAUD2"));
    QTest::keyClicks(dialog->labelEdit(), QStringLiteral("fraud reversal"));
    QTest::mouseClick(dialog->addButton(), Qt::LeftButton);
    QTRY_VERIFY2(dialog->codeNote()->error().contains(QLatin1String("already the label of reason code FRAUD")),
                 qPrintable(dialog->codeNote()->error()));
    QTest::keyClicks(dialog->patternEdit(), QStringLiteral("https://desk.example.com/"));
    QTest::mouseClick(dialog->patternButton(), Qt::LeftButton);
    QVERIFY2(dialog->patternNote()->error().contains(QLatin1String("is not a ticket link pattern")),
             qPrintable(dialog->patternNote()->error()));
    QTRY_COMPARE(m_fx->session()->interactive()->pendingJobs(), 0);
    QCOMPARE(TestBackend::contentDigest(m_fx->db()), digest);
}

void TestReasonWindow::dialogIsReadOnlyForOthers()
{
    QVERIFY(ReasonCodes(m_fx->db()).add(QStringLiteral("FRAUD"), QStringLiteral("Fraud reversal"), false));
    const QString refusal = QStringLiteral("Your role Support may not change the reason codes");
    ReasonCodesDialog *dialog = openCodes(refusal);
    QTRY_VERIFY(dialog->isLoaded());
    QCOMPARE(dialog->table()->rowCount(), 1); // they may read them
    dialog->table()->selectRow(0);
    for (QWidget *control :
         QList<QWidget *>{dialog->codeEdit(), dialog->labelEdit(), dialog->addButton(), dialog->saveButton(),
                          dialog->retireButton(), dialog->patternEdit(), dialog->patternButton()}) {
        QVERIFY2(!control->isEnabled(), qPrintable(control->objectName()));
        QVERIFY2(control->toolTip().contains(refusal), qPrintable(control->toolTip()));
    }
}

void TestReasonWindow::auditDetailShowsLabelAndLink()
{
    ReasonCodes codes(m_fx->db());
    QVERIFY(codes.add(QStringLiteral("FRAUD"), QStringLiteral("Fraud reversal"), true));
    QVERIFY(codes.setTicketPattern(QStringLiteral("https://desk.example.com/ticket/{id}")));
    AuditEvent event;
    event.seq = 9;
    event.action = QStringLiteral("adjust");
    event.snapshot = QStringLiteral("{\"amount\":-40,\"reasonCode\":\"FRAUD\",\"ticket\":\"ZD-4411\"}");
    const QString text = AuditEventDetail::reasonCodeText(event, *codes.catalog());
    QCOMPARE(text,
             QStringLiteral("Fraud reversal (FRAUD) · ticket <a "
                            "href=\"https://desk.example.com/ticket/ZD-4411\">ZD-4411</a>"));
    AuditEventDetail detail;
    detail.setReasonCatalog(*codes.catalog());
    detail.setEvent(event);
    auto *shown = detail.findChild<QLabel *>(QStringLiteral("auditDetailReasonCode"));
    QCOMPARE(shown->text(), text);
    QVERIFY(shown->openExternalLinks());
    // An event without a code shows no such row.
    event.snapshot = QStringLiteral("{\"amount\":5}");
    detail.show();
    detail.setEvent(event);
    QVERIFY(!shown->isVisible());
}

void TestReasonWindow::historyTooltipNamesCodeAndTicket()
{
    ReasonCodes codes(m_fx->db());
    QVERIFY(codes.add(QStringLiteral("FRAUD"), QStringLiteral("Fraud reversal"), true));
    QVERIFY(codes.setTicketPattern(QStringLiteral("https://desk.example.com/ticket/{id}")));
    auto change = Ledger(m_fx->db())
                      .adjust(QStringLiteral("alice"), -40, QStringLiteral("chargeback"), Category::Manual,
                              {QStringLiteral("FRAUD"), QStringLiteral("ZD-4411")});
    QVERIFY(change);
    // A table whose rows carry their transaction as the history's do.
    QStandardItemModel model(1, 1);
    model.setData(model.index(0, 0), QVariant::fromValue(change->rows.constFirst()), HistoryModel::TransactionRole);
    model.setData(model.index(0, 0), QStringLiteral("chargeback"), Qt::ToolTipRole);
    QTableView view;
    view.setModel(&model);
    new ReasonTooltip(m_fx->session(), &view);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QPoint pos = view.visualRect(model.index(0, 0)).center();
    const auto ask = [&] {
        QHelpEvent help(QEvent::ToolTip, pos, view.viewport()->mapToGlobal(pos));
        QCoreApplication::sendEvent(view.viewport(), &help);
    };
    ask(); // reads the code; asked again, it is known
    QTRY_COMPARE(m_fx->session()->interactive()->pendingJobs(), 0);
    ask();
    QTRY_COMPARE(QToolTip::text(),
                 QStringLiteral("chargeback\nReason code: Fraud reversal (FRAUD)\nTicket: ZD-4411 "
                                "(https://desk.example.com/ticket/ZD-4411)"));
    QCOMPARE(ReasonTooltip::text({}, *codes.catalog()), QString());
}

QTEST_MAIN(TestReasonWindow)
#include "TestReasonWindow.moc"
