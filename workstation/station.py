"""Everything one counter workstation needs, opened once at start-up.

The TUI opens it in a worker thread after the sign-in screen is up, so
SQLAlchemy and keyring stay off the path to the first screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from forms.branch_pack import DEFAULT_BRANCH_PACK, BranchPack, load_branch_pack
from forms.loader import BUILTIN_PACKS, load_pack
from forms.schema import NamedInBoth
from forms.search import TemplateIndex
from forms.service_pack import DEFAULT_SERVICE_PACK, load_service_pack
from workstation.config import Config
from workstation.db.checkpoints import INTERVAL_S
from workstation.db.engine import Database
from workstation.db.models import Branch, Counter
from workstation.db.schema import check_schema
from workstation.domain.clock import Clock, local_date
from workstation.domain.errors import WorkstationError
from workstation.domain.limits import Thresholds
from workstation.secrets import DB_PASSWORD, Secrets
from workstation.services.advisor import AdvisorService
from workstation.services.auth import AuthService
from workstation.services.branch_board import BranchBoardService
from workstation.services.checklists import ChecklistService
from workstation.services.closing import ClosingService
from workstation.services.directory import LocalPolicyDirectory
from workstation.services.documents import DocumentService
from workstation.services.incidents import IncidentService
from workstation.services.inquiry import Inquiry
from workstation.services.journal import Journal
from workstation.services.next_day import NextDayService
from workstation.services.opinions import OpinionService
from workstation.services.overrides import OverrideService
from workstation.services.passwords import Passwords
from workstation.services.policy_state import TodayDirectory
from workstation.services.posting import PostingService
from workstation.services.prompts import PromptService
from workstation.services.queue import QueueService
from workstation.services.ratings import RatingService
from workstation.services.receipts import ReceiptService
from workstation.services.reports import ReportService
from workstation.services.reversal import ReversalService
from workstation.services.risk.engine import RULE_BOOK
from workstation.services.risk.service import RiskService
from workstation.services.service_stats import ServiceStatsService
from workstation.services.staffing_plan import StaffingPlanService
from workstation.services.stats_providers import IncidentFigures, OpinionFigures
from workstation.services.tills import TillService
from workstation.services.watchlist import load_watch_list


@dataclass(frozen=True)
class Place(NamedInBoth):
    """A branch or a counter, named in both languages."""

    code: str
    name_zh: str
    name_en: str


@dataclass
class Station:
    config: Config
    db: Database
    secrets: Secrets
    clock: Clock
    passwords: Passwords
    journal: Journal
    branch: Place
    counter: Place
    auth: AuthService
    templates: TemplateIndex
    directory: TodayDirectory
    """The policy directory plus the day's unreversed postings: what look-ups show."""
    overrides: OverrideService
    postings: PostingService
    reversals: ReversalService
    inquiry: Inquiry
    thresholds: Thresholds
    receipts: ReceiptService
    till: TillService
    closing: ClosingService
    next_day: NextDayService
    """When the next business date opens after the branch close, and opening it early."""
    reports: ReportService
    documents: DocumentService
    queue: QueueService
    """The lobby's tickets and the windows' calls (the branch pack's services)."""
    ratings: RatingService
    """The service ratings the counters' pads ask for (服务评价器)."""
    checklists: ChecklistService
    """The opening and closing checklists (营业前准备) and the day's opening."""
    opinions: OpinionService
    """The opinion book (意见簿): complaints, suggestions, praise and their handling."""
    incidents: IncidentService
    """Service incidents (服务应急) by the service pack's playbooks, and crowd suggestions."""
    prompts: PromptService
    """What the teller says at call, start and finish (the service pack's prompts)."""
    stats: ServiceStatsService
    """Service statistics (服务统计), with the opinion book's and incidents' figures."""
    advisor: AdvisorService
    staffing: StaffingPlanService
    """Tomorrow's staffing plan by hour (排班建议) from the branch's history, and the what-if."""
    """The live staffing advisor per zone, and the flexible window (弹性窗口) opened for a zone."""
    board: BranchBoardService
    """The supervisor's board (主管看板): tills, approvals, unprinted receipts, before close."""

    @property
    def demo(self) -> bool:
        return self.secrets.in_memory

    def close(self) -> None:
        self.db.dispose()


def connect_unchecked(config: Config, secrets: Secrets, *, lives: bool = False) -> Database:
    """The configured database, its password from keyring; not yet checked. ``lives``: for
    a workstation, not a command: SQLite checkpoints in a thread (db/checkpoints.py)."""
    password = secrets.get(DB_PASSWORD) if config.database.url.startswith("postgresql") else None
    every = INTERVAL_S if lives else None
    try:
        return Database(config.database.url, password=password, checkpoint_every=every)
    except ImportError as exc:
        raise WorkstationError("db.driver_missing", reason=str(exc)) from None


def connect(config: Config, secrets: Secrets, *, lives: bool = False) -> Database:
    """Open the configured database and check it is at this code's schema."""
    db = connect_unchecked(config, secrets, lives=lives)
    try:
        check_schema(db)
    except OperationalError as exc:
        db.dispose()
        raise WorkstationError("db.unreachable", reason=" ".join(str(exc.orig).split())) from None
    except WorkstationError:
        db.dispose()
        raise
    return db


def load_templates(config: Config, clock: Clock) -> TemplateIndex:
    """The built-in pack and the configured folders; malformed templates stop the start."""
    folders = [*BUILTIN_PACKS, *config.forms.folders]
    return TemplateIndex(load_pack(folders, RULE_BOOK, local_date(clock)))


def load_queue_pack(config: Config, templates: TemplateIndex) -> BranchPack:
    """The configured branch pack (or the shipped one), its businesses checked against
    the templates; a bad pack stops the start."""
    codes = [t.code for t in templates.templates]
    return load_branch_pack(config.queue.pack or DEFAULT_BRANCH_PACK, codes)


def open_station(
    config: Config, secrets: Secrets, clock: Clock, passwords: Passwords | None = None
) -> Station:
    key = secrets.journal_key()
    templates = load_templates(config, clock)
    pack = load_queue_pack(config, templates)
    service_pack = load_service_pack(config.queue.service_pack or DEFAULT_SERVICE_PACK)
    watch_list = load_watch_list(config.risk.watch_list)
    db = connect(config, secrets, lives=True)
    code, number = config.branch.code, config.branch.counter
    with db.read() as s:
        branch = s.get(Branch, code)
        counter = s.scalar(
            select(Counter).where(Counter.branch_code == code, Counter.number == number)
        )
    if branch is None:
        db.dispose()
        raise WorkstationError("station.unknown_branch", branch=code)
    if counter is None:
        db.dispose()
        raise WorkstationError("station.unknown_counter", branch=code, counter=number)
    passwords = passwords or Passwords()
    journal = Journal(key, clock)
    auth = AuthService(db, journal, passwords, clock, code, number, config.security.lockout())
    directory = TodayDirectory(LocalPolicyDirectory(db), db, clock, code)
    thresholds = config.risk.thresholds()
    risk = RiskService(directory, thresholds, watch_list, code)
    tolerance, limit = config.till.tolerance, thresholds.till_limit
    till = TillService(db, journal, auth, clock, code, number, tolerance, limit)
    postings = PostingService(db, journal, risk, clock, till)
    inquiry = Inquiry(db, code, journal, number)
    branch_place = Place(branch.code, branch.name_zh, branch.name_en)
    counter_place = Place(counter.number, counter.name_zh, counter.name_en)
    receipts = ReceiptService(
        db, journal, key, clock, templates, inquiry, branch_place, counter_place
    )
    return Station(
        config=config,
        db=db,
        secrets=secrets,
        clock=clock,
        passwords=passwords,
        journal=journal,
        branch=branch_place,
        counter=counter_place,
        auth=auth,
        templates=templates,
        directory=directory,
        overrides=OverrideService(db, journal, auth, clock, code, number),
        postings=postings,
        reversals=ReversalService(db, journal, clock, till, thresholds, templates),
        inquiry=inquiry,
        thresholds=thresholds,
        receipts=receipts,
        till=till,
        closing=ClosingService(db, journal, clock, auth, till, config.output.folder),
        next_day=NextDayService(db, journal, clock, auth, service_pack.staffing.opening_hours[0]),
        reports=ReportService(db, templates, branch_place, counter_place, clock.zone),
        documents=DocumentService(db, journal, clock, code, number),
        queue=QueueService(db, journal, clock, code, number, pack, templates),
        ratings=RatingService(db, journal, clock, code, pack),
        checklists=ChecklistService(db, journal, auth, clock, code, number, pack),
        opinions=OpinionService(db, journal, clock, code, pack),
        incidents=IncidentService(db, journal, clock, code, service_pack),
        prompts=PromptService(db, templates, pack, service_pack.prompts),
        stats=ServiceStatsService(
            db, clock, code, pack, [OpinionFigures(db, clock), IncidentFigures(db, clock)]
        ),
        advisor=AdvisorService(db, journal, clock, code, pack, service_pack.staffing),
        staffing=StaffingPlanService(db, clock, code, pack, service_pack.staffing),
        board=BranchBoardService(db, clock, code, thresholds.till_limit),
    )
