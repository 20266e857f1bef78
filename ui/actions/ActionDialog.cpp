#include "ui/actions/ActionDialog.h"

#include "core/session/LedgerSession.h"
#include "ui/actions/ActionText.h"
#include "ui/common/InlineMessage.h"
#include "ui/common/RefusedControl.h"

#include <QDialogButtonBox>
#include <QKeySequence>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

ActionDialog::ActionDialog(LedgerSession *session, QWidget *parent)
    : QDialog(parent),
      m_session(session),
      m_title(new QLabel(this)),
      m_explanation(new QLabel(this)),
      m_refusalMessage(new InlineMessage(this)),
      m_content(new QWidget(this)),
      m_contentLayout(new QVBoxLayout(m_content)),
      m_error(new InlineMessage(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this)),
      m_confirm(m_buttons->addButton(tr("OK"), QDialogButtonBox::AcceptRole))
{
    setModal(true);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(QStringLiteral("dialogTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::PlainText);
    m_explanation->setObjectName(QStringLiteral("dialogExplanation"));
    m_refusalMessage->setObjectName(QStringLiteral("refusalMessage"));
    m_contentLayout->setContentsMargins(0, 0, 0, 0);
    m_error->setObjectName(QStringLiteral("errorMessage"));
    m_confirm->setObjectName(QStringLiteral("confirmButton"));
    m_confirm->setDefault(true);
    m_confirm->setEnabled(false);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addWidget(m_title);
    layout->addWidget(m_explanation);
    layout->addWidget(m_refusalMessage);
    layout->addWidget(m_content, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_confirmable && !m_submitting && m_refusal.isEmpty())
            confirm();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ActionDialog::reject);
    auto *confirmShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(confirmShortcut, &QShortcut::activated, this, [this] {
        if (m_confirmable && !m_submitting && m_refusal.isEmpty())
            confirm();
    });
    setConfirmToolTip(tr("Confirm (Ctrl+Return)"));
    // A change that waits for a lock another program holds says so, and may be cancelled.
    connect(m_session, &LedgerSession::waitChanged, this, [this](const QString &text) {
        if (!m_submitting || text.isEmpty())
            return;
        m_error->showMessage(InlineMessage::Kind::Info, text);
        m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(true);
    });
}

ActionDialog::~ActionDialog() = default;

void ActionDialog::reject()
{
    if (m_submitting)
        m_session->cancelChange(); // nothing is committed; the result says so
    else
        QDialog::reject();
}

void ActionDialog::setHeading(const QString &title, const QString &explanation)
{
    setWindowTitle(title);
    m_title->setText(title);
    m_explanation->setText(explanation);
    m_explanation->setVisible(!explanation.isEmpty());
}

QLabel *ActionDialog::sectionLabel(const QString &text)
{
    auto *label = new QLabel(text, this);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

void ActionDialog::setConfirmable(bool confirmable)
{
    m_confirmable = confirmable;
    refreshConfirm();
}

void ActionDialog::setConfirmText(const QString &text)
{
    m_confirm->setText(text);
}

void ActionDialog::setConfirmToolTip(const QString &tip)
{
    m_confirmTip = tip;
    refreshConfirm();
}

void ActionDialog::setRefusal(const QString &refusal)
{
    m_refusal = refusal;
    QString text = refusal;
    if (!text.isEmpty()) {
        if (!text.endsWith(QLatin1Char('.')) && !text.endsWith(QChar(0x2026)))
            text += QLatin1Char('.');
        text += QLatin1Char(' ') + tr("You can see what the change would do, but not make it.");
    }
    m_refusalMessage->showMessage(InlineMessage::Kind::Error, text);
    refreshConfirm();
}

void ActionDialog::refreshConfirm()
{
    RefusedControl::apply(m_confirm, m_confirmable && !m_submitting, m_refusal, m_confirmTip);
}

void ActionDialog::showError(const QString &text)
{
    m_error->showMessage(InlineMessage::Kind::Error, text);
}

void ActionDialog::clearError()
{
    m_error->clear();
}

void ActionDialog::setSubmitting(bool submitting)
{
    m_submitting = submitting;
    m_content->setEnabled(!submitting);
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(!submitting);
    refreshConfirm();
    emit submittingChanged(submitting);
}

void ActionDialog::submit(std::function<Result<LedgerChange>(Ledger &)> operation, const QString &what)
{
    if (m_submitting || !m_refusal.isEmpty())
        return;
    m_error->showMessage(InlineMessage::Kind::Info, tr("Saving the change…"));
    setSubmitting(true);
    m_session->mutate(this, std::move(operation), [this, what](const Result<LedgerChange> &result) {
        setSubmitting(false);
        if (!result) {
            showError(ActionText::failure(what, result.error()));
            return;
        }
        clearError();
        m_change = *result;
        emit applied(*result);
        accept();
    });
}
