#include "ui/actions/AdjustDialog.h"

#include "core/approval/ApprovalJobs.h"
#include "core/domain/Validation.h"
#include "core/ledger/ApprovalGate.h"
#include "core/limits/LimitJobs.h"
#include "core/limits/LimitText.h"
#include "core/reasons/ReasonJobs.h"
#include "core/session/LedgerSession.h"
#include "core/users/UserJobs.h"
#include "models/CategoryPalette.h"
#include "models/XpFormat.h"
#include "ui/actions/ReasonField.h"
#include "ui/common/FieldNote.h"
#include "ui/common/InlineMessage.h"
#include "ui/reasons/ReasonCodeFields.h"

#include <QComboBox>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPainter>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <limits>

namespace {

QIcon swatch(const QColor &colour)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(colour.darker(130));
    painter.setBrush(colour);
    painter.drawRoundedRect(QRectF(0.5, 0.5, 11, 11), 2, 2);
    return QIcon(pixmap);
}

QLabel *bigNumber(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(QStringLiteral("\u2026"), parent);
    label->setObjectName(objectName);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 2.0);
    font.setBold(true);
    label->setFont(font);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLabel *caption(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QPalette palette = label->palette();
    // Text too: inside the totals panel (a Base background) labels draw with Text.
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    palette.setColor(QPalette::Text, palette.color(QPalette::PlaceholderText));
    label->setPalette(palette);
    return label;
}

} // namespace

AdjustDialog::AdjustDialog(LedgerSession *session, const QString &userId, QWidget *parent)
    : ActionDialog(session, parent), m_userId(userId)
{
    setObjectName(QStringLiteral("AdjustDialog"));
    setHeading(tr("Adjust XP"), {});
    setConfirmText(tr("Adjust"));
    setConfirmToolTip(tr("Save the adjustment (Enter or Ctrl+Return)"));

    contentLayout()->addWidget(createUserHeader());
    contentLayout()->addWidget(createTotalsPanel());

    m_amount = new QLineEdit(this);
    m_amount->setObjectName(QStringLiteral("amountEdit"));
    m_amount->setPlaceholderText(tr("e.g. 50 or -25"));
    m_amount->setToolTip(tr("The XP to add; a negative number deducts"));
    m_amount->setMaxLength(24);
    m_amount->setMaximumWidth(m_amount->fontMetrics().horizontalAdvance(QLatin1Char('0')) * 18);
    m_amountNote = new FieldNote(this);
    m_amountNote->setObjectName(QStringLiteral("amountNote"));
    auto *amountRow = new QHBoxLayout;
    amountRow->addWidget(m_amount);
    amountRow->addStretch(1);
    auto *amountBox = new QVBoxLayout;
    amountBox->setSpacing(2);
    amountBox->addLayout(amountRow);
    amountBox->addWidget(m_amountNote);
    m_room = caption({}, this);
    m_room->setObjectName(QStringLiteral("roomLabel"));
    m_room->setWordWrap(true);
    m_room->hide();
    amountBox->addWidget(m_room);

    m_category = new QComboBox(this);
    m_category->setObjectName(QStringLiteral("categoryCombo"));
    m_category->setToolTip(tr("The category the XP counts under in charts and reports; adjustments are usually "
                              "%1")
                               .arg(XpEnums::label(Category::Manual)));
    for (const Category category :
         {Category::Manual, Category::CorrectAnswer, Category::StreakBonus, Category::Achievement}) {
        m_category->addItem(swatch(CategoryPalette::color(category, palette())), XpEnums::label(category),
                            static_cast<int>(category));
    }
    m_category->setCurrentIndex(0);

    m_reason = new ReasonField(this);

    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    form->setVerticalSpacing(10);
    auto *amountLabel = new QLabel(tr("&Amount:"), this);
    amountLabel->setBuddy(m_amount);
    auto *categoryLabel = new QLabel(tr("Ca&tegory:"), this);
    categoryLabel->setBuddy(m_category);
    auto *reasonLabel = new QLabel(tr("&Reason:"), this);
    reasonLabel->setBuddy(m_reason->editor());
    QFont bold = reasonLabel->font();
    bold.setBold(true);
    reasonLabel->setFont(bold);
    amountLabel->setFont(bold);
    form->addRow(amountLabel, amountBox);
    form->addRow(categoryLabel, m_category);
    form->addRow(reasonLabel, m_reason);
    m_reasonCode = new ReasonCodeFields(form, this);
    contentLayout()->addLayout(form);

    m_warning = new InlineMessage(this);
    m_warning->setObjectName(QStringLiteral("negativeWarning"));
    contentLayout()->addWidget(m_warning);
    m_approvalNote = new InlineMessage(this);
    m_approvalNote->setObjectName(QStringLiteral("approvalNote"));
    contentLayout()->addWidget(m_approvalNote);

    connect(m_amount, &QLineEdit::textEdited, this, [this] {
        m_amountTouched = true;
        refresh();
    });
    connect(m_amount, &QLineEdit::textChanged, this, &AdjustDialog::refresh);
    connect(m_amount, &QLineEdit::returnPressed, this, [this] {
        // Enter with a refused value: make sure every reason for the refusal is in view.
        m_amountTouched = true;
        m_reason->revealError();
        refresh();
    });
    connect(m_reason, &ReasonField::changed, this, &AdjustDialog::refresh);
    connect(m_reasonCode, &ReasonCodeFields::changed, this, &AdjustDialog::refresh);
    connect(session, &LedgerSession::ledgerChanged, this, [this](const QStringList &userIds) {
        if (isVisible() && !isSubmitting() && (userIds.isEmpty() || userIds.contains(m_userId)))
            loadUser();
        if (isVisible() && !isSubmitting()) {
            loadThreshold(); // a desk may have changed it
            loadReasonCodes();
            loadLimits(); // and what this person moved today
        }
    });

    setMinimumWidth(520);
    m_amount->setFocus();
    refresh();
    loadUser();
    loadThreshold();
    loadReasonCodes();
    loadLimits();
}

QWidget *AdjustDialog::createUserHeader()
{
    auto *header = new QWidget(this);
    auto *layout = new QVBoxLayout(header);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_userName = new QLabel(m_userId, header);
    m_userName->setObjectName(QStringLiteral("userName"));
    m_userName->setTextFormat(Qt::PlainText);
    QFont font = m_userName->font();
    font.setPointSizeF(font.pointSizeF() * 1.15);
    font.setBold(true);
    m_userName->setFont(font);
    m_userDetails = caption(tr("id %1").arg(m_userId), header);
    m_userDetails->setObjectName(QStringLiteral("userDetails"));
    m_userDetails->setTextFormat(Qt::PlainText);
    m_userDetails->setWordWrap(true);
    m_userDetails->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_userName);
    layout->addWidget(m_userDetails);
    return header;
}

QWidget *AdjustDialog::createTotalsPanel()
{
    auto *panel = new QFrame(this);
    panel->setObjectName(QStringLiteral("totalsPanel"));
    panel->setFrameShape(QFrame::StyledPanel);
    panel->setBackgroundRole(QPalette::Base);
    panel->setAutoFillBackground(true);
    auto *grid = new QGridLayout(panel);
    grid->setContentsMargins(16, 10, 16, 10);
    grid->setHorizontalSpacing(18);
    grid->setVerticalSpacing(0);
    m_currentTotal = bigNumber(panel, QStringLiteral("currentTotal"));
    m_resultingTotal = bigNumber(panel, QStringLiteral("resultingTotal"));
    auto *arrow = new QLabel(QStringLiteral("\u2192"), panel);
    arrow->setFont(m_currentTotal->font());
    m_change = caption({}, panel);
    m_change->setObjectName(QStringLiteral("changeLabel"));
    m_change->setAlignment(Qt::AlignHCenter);
    grid->addWidget(caption(tr("Current total"), panel), 0, 0);
    grid->addWidget(caption(tr("Resulting total"), panel), 0, 2);
    grid->addWidget(m_currentTotal, 1, 0);
    grid->addWidget(arrow, 1, 1, Qt::AlignCenter);
    grid->addWidget(m_resultingTotal, 1, 2);
    grid->addWidget(m_change, 2, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(2, 1);
    m_driftNote = caption({}, panel);
    m_driftNote->setObjectName(QStringLiteral("driftNote"));
    m_driftNote->setWordWrap(true);
    m_driftNote->hide();
    grid->addWidget(m_driftNote, 3, 0, 1, 3);
    return panel;
}

QString AdjustDialog::userLabel() const
{
    return m_user ? XpFormat::user(m_user->id, m_user->name, m_user->email) : m_userId;
}

QString AdjustDialog::reason() const
{
    return m_reason->text();
}

Category AdjustDialog::category() const
{
    return static_cast<Category>(m_category->currentData().toInt());
}

std::optional<qint32> AdjustDialog::amount() const
{
    std::optional<qint32> value;
    return amountError(&value).isEmpty() ? value : std::nullopt;
}

QString AdjustDialog::totalsText() const
{
    return tr("Current total: %1 -> Resulting total: %2").arg(m_currentTotal->text(), m_resultingTotal->text());
}

void AdjustDialog::loadUser()
{
    const quint64 generation = ++m_loadGeneration;
    const QString userId = m_userId;
    session()->interactive()->post<std::optional<UserRow>>(
        this, UserJobs::find(userId), [this, generation](const Result<std::optional<UserRow>> &found) {
            if (generation != m_loadGeneration)
                return; // a newer read is on its way
            if (m_loadFailed)
                clearError(); // the earlier failure to read is out of date now
            m_loadFailed = !found || !found->has_value();
            if (!found) {
                showError(tr("The user's current total could not be read: %1").arg(found.error().message));
                return;
            }
            m_user = *found;
            m_userMissing = !m_user.has_value();
            if (m_userMissing)
                showError(
                    tr("There is no user with id %1: nothing can be adjusted.").arg(Validation::quoted(m_userId)));
            refresh();
        });
}

void AdjustDialog::loadThreshold()
{
    session()->interactive()->post<std::optional<qint64>>(this, ApprovalJobs::threshold(),
                                                          [this](const Result<std::optional<qint64>> &threshold) {
                                                              // Unread, the ledger still holds what is above it; the
                                                              // dialog only cannot say so beforehand.
                                                              if (!threshold)
                                                                  return;
                                                              m_threshold = *threshold;
                                                              refresh();
                                                          });
}

void AdjustDialog::loadReasonCodes()
{
    session()->interactive()->post<ReasonCatalog>(this, ReasonJobs::catalog(),
                                                  [this](const Result<ReasonCatalog> &catalog) {
                                                      // Unread, the ledger still checks the code.
                                                      if (catalog)
                                                          m_reasonCode->setCatalog(*catalog);
                                                  });
}

void AdjustDialog::loadLimits()
{
    session()->interactive()->post<PersonLimits>(this, LimitJobs::connected(),
                                                 [this](const Result<PersonLimits> &limits) {
                                                     // Unread, the ledger still holds what is above them.
                                                     if (!limits)
                                                         return;
                                                     m_limits = *limits;
                                                     refresh();
                                                 });
}

std::optional<HoldReason> AdjustDialog::holdReason() const
{
    const auto value = amount();
    if (!value)
        return std::nullopt;
    if (m_limits) {
        if (const auto reason = m_limits->holdFor(*value))
            return reason;
    }
    if (m_threshold && ApprovalGate::isAbove(*value, *m_threshold))
        return HoldReason::Threshold;
    return std::nullopt;
}

QString AdjustDialog::roomText() const
{
    return m_limits ? LimitText::leftToday(*m_limits) : QString();
}

QString AdjustDialog::approvalText() const
{
    const auto reason = holdReason();
    if (!reason)
        return {};
    if (*reason == HoldReason::Threshold)
        return tr("This needs approval by an admin: it will be held, not applied. Adjustments of more than %1 XP "
                  "wait under Pending Approvals until another admin approves them.")
            .arg(XpFormat::total(m_threshold->value_or(0)));
    return tr("This will wait for approval, not be applied: %1. It waits under Pending Approvals until another "
              "admin approves it.")
        .arg(heldBecause(*reason));
}

QString AdjustDialog::heldBecause(HoldReason reason) const
{
    return LimitText::heldBecause(reason, amount().value_or(0), m_limits.value_or(PersonLimits()),
                                  m_threshold ? *m_threshold : std::nullopt);
}

QString AdjustDialog::amountError(std::optional<qint32> *value) const
{
    const QString text = m_amount->text();
    if (text.trimmed().isEmpty())
        return tr("Enter the amount: a whole number of XP to add, or a negative number to deduct.");
    auto parsed = Validation::amount(tr("The amount"), text);
    if (!parsed)
        return parsed.error().message;
    if (m_user) {
        const qint64 resulting = m_user->sum + *parsed;
        if (resulting > std::numeric_limits<qint32>::max() || resulting < std::numeric_limits<qint32>::min())
            return tr("The resulting total would be %1, past the limit of what the ledger can hold (%2 to %3).")
                .arg(XpFormat::total(resulting), XpFormat::total(std::numeric_limits<qint32>::min()),
                     XpFormat::total(std::numeric_limits<qint32>::max()));
    }
    *value = *parsed;
    return {};
}

void AdjustDialog::refresh()
{
    std::optional<qint32> value;
    const QString error = amountError(&value);
    if (error.isEmpty())
        m_amountNote->setHint(*value > 0 ? tr("Adds %1 XP.").arg(XpFormat::total(*value))
                                         : tr("Deducts %1 XP.").arg(XpFormat::total(-qint64(*value))));
    else
        m_amountNote->setHint(tr("A whole number: 50 adds XP, -50 deducts."));
    m_amountNote->setError(m_amountTouched ? error : QString());

    if (m_user) {
        m_userName->setText(userLabel());
        QStringList details;
        details << tr("id %1").arg(m_user->id)
                << tr("%Ln transaction(s)", nullptr, static_cast<int>(m_user->transactions));
        const QString email
            = !m_user->email.isEmpty() && m_user->email != userLabel() ? m_user->email + QLatin1Char('\n') : QString();
        m_userDetails->setText(email + details.join(QStringLiteral("  \u00b7  ")));
        m_currentTotal->setText(XpFormat::total(m_user->totalXP));
        // The ledger sets the total from the sum of the rows, so that is what the result starts from.
        m_driftNote->setVisible(m_user->totalXP != m_user->sum);
        m_driftNote->setText(tr("The stored total %1 disagrees with the sum of the user's transactions, %2; the "
                                "adjustment sets the total from the sum.")
                                 .arg(XpFormat::total(m_user->totalXP), XpFormat::total(m_user->sum)));
    } else {
        m_currentTotal->setText(m_userMissing ? QStringLiteral("\u2014") : QStringLiteral("\u2026"));
    }

    const bool known = m_user && value;
    const qint64 resulting = known ? m_user->sum + *value : 0;
    m_resultingTotal->setText(known ? XpFormat::total(resulting) : QStringLiteral("\u2014"));
    m_change->setText(value ? XpFormat::signedAmount(*value) : QString());
    QPalette palette = m_resultingTotal->palette();
    const QColor colour = known && resulting < 0 ? CategoryPalette::negativeAmount(this->palette())
                                                 : this->palette().color(QPalette::Text);
    palette.setColor(QPalette::WindowText, colour);
    palette.setColor(QPalette::Text, colour);
    m_resultingTotal->setPalette(palette);

    const bool negative = known && resulting < 0;
    m_warning->showMessage(InlineMessage::Kind::Warning,
                           negative ? tr("After this adjustment %1 has a negative total (%2). That is allowed, but "
                                         "check that it is what you mean.")
                                          .arg(userLabel(), XpFormat::total(resulting))
                                    : QString());
    const bool held = needsApproval();
    m_approvalNote->showMessage(InlineMessage::Kind::Info, approvalText());
    m_room->setText(roomText());
    m_room->setVisible(!m_room->text().isEmpty());
    setConfirmText(held ? tr("Request approval") : negative ? tr("Adjust anyway") : tr("Adjust"));
    setConfirmToolTip(held ? tr("Send the adjustment to Pending Approvals (Enter or Ctrl+Return)")
                           : tr("Save the adjustment (Enter or Ctrl+Return)"));
    setConfirmable(known && m_reason->isValid() && m_reasonCode->isValid());
    // Notes that appear (the approval notice, a warning, the room left) must not squeeze the
    // fields: once the layout has taken them in, the dialog grows to what it needs.
    QTimer::singleShot(0, this, &AdjustDialog::growToFit);
}

void AdjustDialog::growToFit()
{
    if (!isVisible() || !layout())
        return;
    layout()->activate();
    const int needed
        = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width()) : layout()->totalSizeHint().height();
    if (needed > height())
        resize(width(), needed);
}

void AdjustDialog::confirm()
{
    m_amountTouched = true;
    m_reason->revealError();
    m_reasonCode->revealErrors();
    refresh();
    const auto value = amount();
    if (!m_user || !value || !m_reason->isValid() || !m_reasonCode->isValid())
        return;
    clearError();
    const QString userId = m_userId;
    const QString reason = m_reason->text();
    const Category category = this->category();
    const qint32 amount = *value;
    const ReasonTag tag = m_reasonCode->tag();
    submit([userId, amount, reason, category,
            tag](Ledger &ledger) { return ledger.adjust(userId, amount, reason, category, tag); },
           tr("The adjustment was not saved"));
}
