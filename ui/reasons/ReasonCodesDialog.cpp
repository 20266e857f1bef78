#include "ui/reasons/ReasonCodesDialog.h"

#include "core/reasons/ReasonCheck.h"
#include "core/session/LedgerSession.h"
#include "models/XpFormat.h"
#include "ui/common/FieldNote.h"
#include "ui/common/InlineMessage.h"
#include "ui/common/RefusedControl.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

ReasonCodesDialog::ReasonCodesDialog(LedgerSession *session, const QString &refusal, QWidget *parent)
    : QDialog(parent),
      m_session(session),
      m_refusal(refusal),
      m_table(new QTableWidget(0, ColumnCount, this)),
      m_code(new QLineEdit(this)),
      m_label(new QLineEdit(this)),
      m_ticketRequired(new QCheckBox(tr("A change with this code must name a &ticket"), this)),
      m_codeNote(new FieldNote(this)),
      m_add(new QPushButton(tr("&Add Code"), this)),
      m_save(new QPushButton(tr("&Save Changes"), this)),
      m_retire(new QPushButton(tr("R&etire"), this)),
      m_pattern(new QLineEdit(this)),
      m_patternNote(new FieldNote(this)),
      m_savePattern(new QPushButton(tr("Save &Pattern"), this)),
      m_message(new InlineMessage(this))
{
    setObjectName(QStringLiteral("ReasonCodesDialog"));
    setWindowTitle(tr("Reason Codes"));
    auto *intro = new QLabel(tr("Every manual change takes one of these codes once there is any, besides its reason. "
                                "A code is never deleted: retired, it keeps its label for the changes that took it. "
                                "Every change here is recorded in the audit log."),
                             this);
    intro->setWordWrap(true);

    m_table->setObjectName(QStringLiteral("reasonCodesTable"));
    m_table->setHorizontalHeaderLabels({tr("Code"), tr("Label"), tr("Ticket"), tr("State"), tr("Uses")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(Label, QHeaderView::Stretch);
    m_table->setMinimumHeight(180);

    m_code->setObjectName(QStringLiteral("codeEdit"));
    m_code->setPlaceholderText(QStringLiteral("BUG_COMP"));
    m_code->setMaxLength(ReasonCheck::MaxCodeLength);
    m_label->setObjectName(QStringLiteral("labelEdit"));
    m_label->setPlaceholderText(tr("Bug compensation"));
    m_label->setMaxLength(ReasonCheck::MaxLabelLength);
    m_ticketRequired->setObjectName(QStringLiteral("ticketRequiredBox"));
    m_codeNote->setObjectName(QStringLiteral("codeNote"));
    m_codeNote->setHint(tr("Capital letters, digits and _, starting with a letter. People choose the code by its "
                           "label."));
    m_add->setObjectName(QStringLiteral("addCode"));
    m_save->setObjectName(QStringLiteral("saveCode"));
    m_retire->setObjectName(QStringLiteral("retireCode"));
    m_pattern->setObjectName(QStringLiteral("patternEdit"));
    m_pattern->setPlaceholderText(QStringLiteral("https://desk.example.com/ticket/{id}"));
    m_patternNote->setObjectName(QStringLiteral("patternNote"));
    m_patternNote->setHint(tr("A ticket id is shown as this link, with the id in place of {id}; a ticket given as a "
                              "link is shown as itself. Empty: ids are shown as text."));
    m_savePattern->setObjectName(QStringLiteral("savePattern"));
    m_message->setObjectName(QStringLiteral("reasonCodesMessage"));

    auto *form = new QFormLayout;
    auto *codeLabel = new QLabel(tr("C&ode:"), this);
    codeLabel->setBuddy(m_code);
    auto *labelLabel = new QLabel(tr("&Label:"), this);
    labelLabel->setBuddy(m_label);
    form->addRow(codeLabel, m_code);
    form->addRow(labelLabel, m_label);
    form->addRow(QString(), m_ticketRequired);
    form->addRow(QString(), m_codeNote);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_save);
    buttons->addWidget(m_retire);
    buttons->addStretch(1);
    form->addRow(QString(), buttons);
    auto *patternLabel = new QLabel(tr("Ticket &links:"), this);
    patternLabel->setBuddy(m_pattern);
    auto *patternRow = new QHBoxLayout;
    patternRow->addWidget(m_pattern, 1);
    patternRow->addWidget(m_savePattern);
    form->addRow(patternLabel, patternRow);
    form->addRow(QString(), m_patternNote);

    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(close);
    setMinimumWidth(720);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_add, &QPushButton::clicked, this, &ReasonCodesDialog::addCode);
    connect(m_save, &QPushButton::clicked, this, &ReasonCodesDialog::saveCode);
    connect(m_retire, &QPushButton::clicked, this, &ReasonCodesDialog::retireCode);
    connect(m_savePattern, &QPushButton::clicked, this, &ReasonCodesDialog::savePattern);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ReasonCodesDialog::selectionChanged);
    connect(m_code, &QLineEdit::textEdited, this, [this](const QString &text) {
        m_codeNote->setError({});
        // Typing another code: a new one, not a change of the one selected.
        if (const ReasonCode *code = selected(); code && code->code != text.trimmed())
            m_table->clearSelection();
        updateControls();
    });
    connect(m_label, &QLineEdit::textEdited, m_codeNote, [this] { m_codeNote->setError({}); });
    connect(m_pattern, &QLineEdit::textEdited, m_patternNote, [this] { m_patternNote->setError({}); });
    if (!m_refusal.isEmpty())
        m_message->showMessage(InlineMessage::Kind::Info, m_refusal);
    updateControls();
    run(ReasonJobs::listing(), {}, nullptr);
}

const ReasonCode *ReasonCodesDialog::selected() const
{
    const QList<QTableWidgetItem *> items = m_table->selectedItems();
    return items.isEmpty() ? nullptr : m_listing.catalog.find(m_table->item(items.first()->row(), Code)->text());
}

void ReasonCodesDialog::showListing(const ReasonJobs::Listing &listing)
{
    // The code in the field stays selected (the one just added or changed), else the one selected.
    const ReasonCode *before = selected();
    const QString typed = m_code->text().trimmed();
    const QString keep = listing.catalog.find(typed) || !before ? typed : before->code;
    m_listing = listing;
    const QSignalBlocker blocker(m_table);
    m_table->setRowCount(int(listing.catalog.codes.size()));
    int row = 0;
    for (const ReasonCode &code : listing.catalog.codes) {
        const QStringList cells{code.code, code.label, code.ticketRequired ? tr("required") : tr("optional"),
                                code.retired ? tr("retired") : tr("active"),
                                XpFormat::total(listing.uses.value(code.code))};
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column == Uses)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (code.retired)
                item->setForeground(palette().color(QPalette::PlaceholderText));
            m_table->setItem(row, column, item);
        }
        if (code.code == keep)
            m_table->selectRow(row);
        ++row;
    }
    m_pattern->setText(listing.catalog.ticketPattern);
    m_loaded = true;
    updateControls();
}

void ReasonCodesDialog::selectionChanged()
{
    if (const ReasonCode *code = selected()) {
        m_code->setText(code->code);
        m_label->setText(code->label);
        m_ticketRequired->setChecked(code->ticketRequired);
        m_codeNote->setError({});
    }
    updateControls();
}

void ReasonCodesDialog::updateControls()
{
    const bool idle = m_loaded && !m_busy;
    const ReasonCode *code = selected();
    const bool existing = m_listing.catalog.find(m_code->text().trimmed()) != nullptr;
    const bool active = code && !code->retired;
    RefusedControl::apply(m_code, idle, m_refusal, tr("The new code: capital letters, digits and _"));
    RefusedControl::apply(m_label, idle, m_refusal, tr("What the code means, as people choose it"));
    RefusedControl::apply(m_ticketRequired, idle, m_refusal, tr("Changes with this code are refused without a ticket"));
    RefusedControl::apply(m_add, idle && !existing, m_refusal, tr("Add the code with this label"));
    RefusedControl::apply(m_save, idle && active, m_refusal,
                          code && code->retired ? tr("A retired code keeps its label")
                                                : tr("Store the selected code's new label and ticket rule"));
    RefusedControl::apply(m_retire, idle && active, m_refusal,
                          tr("No new change may take the selected code; the changes that took it keep it"));
    RefusedControl::apply(m_pattern, idle, m_refusal, tr("The link a ticket id is shown as"));
    RefusedControl::apply(m_savePattern, idle, m_refusal, tr("Store the ticket link pattern for every desk"));
}

void ReasonCodesDialog::run(Job<ReasonJobs::Listing> job, const QString &done, FieldNote *note)
{
    m_busy = true;
    updateControls();
    m_session->interactive()->post<ReasonJobs::Listing>(
        this, std::move(job), [this, done, note](const Result<ReasonJobs::Listing> &listing) {
            m_busy = false;
            if (!listing) {
                if (note && listing.error().kind == Error::Kind::Input)
                    note->setError(listing.error().message);
                else
                    m_message->showMessage(InlineMessage::Kind::Error, listing.error().message);
                updateControls();
                return;
            }
            showListing(*listing);
            if (!done.isEmpty()) {
                m_message->showMessage(InlineMessage::Kind::Info, done);
                emit changed(done);
            }
            emit loaded();
        });
}

void ReasonCodesDialog::addCode()
{
    const QString code = m_code->text().trimmed();
    auto checked = ReasonCheck::code(tr("The code"), code);
    if (!checked) {
        m_codeNote->setError(checked.error().message);
        m_code->setFocus();
        return;
    }
    auto label = ReasonCheck::label(tr("The label"), m_label->text());
    if (!label) {
        m_codeNote->setError(label.error().message);
        m_label->setFocus();
        return;
    }
    run(ReasonJobs::add(*checked, *label, m_ticketRequired->isChecked()),
        tr("Reason code %1 added: %2").arg(*checked, *label), m_codeNote);
}

void ReasonCodesDialog::saveCode()
{
    const ReasonCode *code = selected();
    if (!code)
        return;
    auto label = ReasonCheck::label(tr("The label"), m_label->text());
    if (!label) {
        m_codeNote->setError(label.error().message);
        m_label->setFocus();
        return;
    }
    run(ReasonJobs::change(code->code, *label, m_ticketRequired->isChecked()),
        tr("Reason code %1 changed: %2").arg(code->code, *label), m_codeNote);
}

void ReasonCodesDialog::retireCode()
{
    const ReasonCode *code = selected();
    if (!code)
        return;
    run(ReasonJobs::retire(code->code), tr("Reason code %1 retired: %2").arg(code->code, code->label), m_codeNote);
}

void ReasonCodesDialog::savePattern()
{
    auto pattern = ReasonCheck::ticketPattern(tr("The ticket link"), m_pattern->text());
    if (!pattern) {
        m_patternNote->setError(pattern.error().message);
        m_pattern->setFocus();
        return;
    }
    run(ReasonJobs::setTicketPattern(*pattern),
        pattern->isEmpty() ? tr("Ticket ids are shown as text.") : tr("Ticket links: %1").arg(*pattern), m_patternNote);
}
