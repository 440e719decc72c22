// Demo content for a fictional developer, 澄湾置业 (Chengwan Property). Any likeness
// to a real estate or person is accidental. What is said about each kind of complaint is
// in db/topics; here are the people, the organisation, the projects, their disclosures
// and the hand-written complaints with what happens to each.
import type { ProjectSlug } from "./topics";

export const DEMO_PASSWORDS = {
  owner: "owner-demo-2026",
  staff: "staff-demo-2026",
  admin: "admin-demo-2026",
} as const;

/** The demo logins the README lists. */
export const DEMO_ACCOUNTS = [
  { email: "owner@example.com", displayName: "云栖苑业主-陈", role: "owner", password: DEMO_PASSWORDS.owner },
  { email: "staff@example.com", displayName: "深圳公司客服中心-周", role: "staff", password: DEMO_PASSWORDS.staff },
  { email: "admin@example.com", displayName: "集团客户关系中心-管理员", role: "admin", password: DEMO_PASSWORDS.admin },
] as const;

export type UnitKey = "hq" | "shenzhen" | "wuhan" | "beijing";

/** The regional companies (地区公司) and who receives their duty mail. Headquarters is made by the migration. */
export const DEMO_UNITS: { key: Exclude<UnitKey, "hq">; name: string; recipients: Record<"reports" | "escalations" | "briefings", string[]> }[] = [
  {
    key: "shenzhen",
    name: "深圳公司",
    recipients: {
      reports: ["shenzhen.service@example.com"],
      escalations: ["shenzhen.gm@example.com", "shenzhen.service@example.com"],
      briefings: ["shenzhen.service@example.com", "shenzhen.engineering@example.com"],
    },
  },
  {
    key: "wuhan",
    name: "武汉公司",
    recipients: {
      reports: ["wuhan.service@example.com"],
      escalations: ["wuhan.gm@example.com", "wuhan.service@example.com"],
      briefings: ["wuhan.service@example.com"],
    },
  },
  {
    key: "beijing",
    name: "北京公司",
    recipients: {
      reports: ["beijing.service@example.com"],
      escalations: ["beijing.gm@example.com", "beijing.service@example.com", "shenyang.pm@example.com"],
      briefings: ["beijing.service@example.com", "shenyang.pm@example.com"],
    },
  },
];

/**
 * Staff besides the demo logins (they share the staff password). `desk` says what they do:
 * customer service answers and calls back, engineering posts progress on works,
 * headquarters supervises complaints handed up to it.
 */
export const DEMO_STAFF: { email: string; displayName: string; unit: UnitKey; desk: "service" | "engineering" | "supervision"; projects?: ProjectSlug[] }[] = [
  { email: "staff@example.com", displayName: "深圳公司客服中心-周", unit: "shenzhen", desk: "service", projects: ["yunqi-garden", "nanshan-one"] },
  { email: "admin@example.com", displayName: "集团客户关系中心-管理员", unit: "hq", desk: "supervision" },
  { email: "lin.hq@example.com", displayName: "集团客户关系中心-林", unit: "hq", desk: "supervision" },
  { email: "xu.sz@example.com", displayName: "深圳公司客服中心-许", unit: "shenzhen", desk: "service", projects: ["nanshan-one", "yunqi-garden"] },
  { email: "wu.sz@example.com", displayName: "深圳公司工程部-吴工", unit: "shenzhen", desk: "engineering" },
  { email: "zheng.wh@example.com", displayName: "武汉公司客服中心-郑", unit: "wuhan", desk: "service", projects: ["binjiang-li"] },
  { email: "hu.wh@example.com", displayName: "武汉公司工程部-胡工", unit: "wuhan", desk: "engineering" },
  { email: "ma.bj@example.com", displayName: "北京公司客服中心-马", unit: "beijing", desk: "service", projects: ["qinghe-yuan"] },
  { email: "gao.sy@example.com", displayName: "北京公司沈阳项目部-高", unit: "beijing", desk: "service", projects: ["cuihu-bay"] },
  { email: "sun.bj@example.com", displayName: "北京公司工程部-孙工", unit: "beijing", desk: "engineering" },
];

export const DEMO_PROJECTS: {
  slug: ProjectSlug;
  name: string;
  city: string;
  address: string;
  unit: Exclude<UnitKey, "hq">;
  buildings: number;
  floors: number;
}[] = [
  { slug: "yunqi-garden", name: "澄湾·云栖苑", city: "深圳", address: "深圳市龙岗区坂田街道雪岗路 88 号", unit: "shenzhen", buildings: 12, floors: 32 },
  { slug: "nanshan-one", name: "澄湾·南山壹号", city: "深圳", address: "深圳市南山区西丽街道留仙大道 1230 号", unit: "shenzhen", buildings: 6, floors: 45 },
  { slug: "binjiang-li", name: "澄湾·滨江里", city: "武汉", address: "武汉市汉阳区滨江大道 615 号", unit: "wuhan", buildings: 16, floors: 33 },
  { slug: "qinghe-yuan", name: "澄湾·青禾园", city: "北京", address: "北京市昌平区回龙观西大街 27 号", unit: "beijing", buildings: 14, floors: 18 },
  { slug: "cuihu-bay", name: "澄湾·翠湖湾", city: "沈阳", address: "沈阳市浑南区全运路 109 号", unit: "beijing", buildings: 10, floors: 26 },
];

/** Owners who post and reply, each living in one project; they share the owner demo password. */
export const DEMO_OWNERS: { email: string; displayName: string; project: ProjectSlug }[] = [
  { email: "owner@example.com", displayName: "云栖苑业主-陈", project: "yunqi-garden" },
  { email: "li.na@example.com", displayName: "李女士", project: "yunqi-garden" },
  { email: "zhang.wei@example.com", displayName: "张先生(5栋)", project: "yunqi-garden" },
  { email: "yang.xue@example.com", displayName: "杨雪(9栋)", project: "yunqi-garden" },
  { email: "wang.jun@example.com", displayName: "王俊", project: "nanshan-one" },
  { email: "liu.fang@example.com", displayName: "刘芳", project: "nanshan-one" },
  { email: "deng.qiang@example.com", displayName: "邓强(2栋)", project: "nanshan-one" },
  { email: "xu.jing@example.com", displayName: "徐静(滨江里)", project: "binjiang-li" },
  { email: "huang.tao@example.com", displayName: "黄涛", project: "binjiang-li" },
  { email: "wu.lan@example.com", displayName: "吴兰(8栋)", project: "binjiang-li" },
  { email: "zhao.lei@example.com", displayName: "赵磊", project: "qinghe-yuan" },
  { email: "sun.mei@example.com", displayName: "孙美华", project: "qinghe-yuan" },
  { email: "guo.peng@example.com", displayName: "郭鹏(12栋)", project: "qinghe-yuan" },
  { email: "song.jie@example.com", displayName: "宋杰", project: "cuihu-bay" },
  { email: "yu.hong@example.com", displayName: "于红(4栋)", project: "cuihu-bay" },
  { email: "jiang.tao@example.com", displayName: "姜涛", project: "cuihu-bay" },
];

/** Further owners per project, named by the seed from these (e.g. "林女士(7栋)"). */
export const OWNER_SURNAMES = [
  "林",
  "郑",
  "梁",
  "唐",
  "许",
  "韩",
  "冯",
  "曹",
  "彭",
  "曾",
  "肖",
  "田",
  "董",
  "潘",
  "袁",
  "蒋",
  "蔡",
  "余",
  "杜",
  "叶",
  "程",
  "魏",
  "苏",
  "吕",
];
export const OWNERS_PER_PROJECT = 10;

export type FactorKey =
  | "yunqi-railway"
  | "yunqi-waste"
  | "yunqi-abandoned"
  | "yunqi-tower"
  | "nanshan-road"
  | "nanshan-school"
  | "nanshan-metro"
  | "nanshan-transfer"
  | "binjiang-site"
  | "binjiang-market"
  | "binjiang-plant"
  | "qinghe-road"
  | "qinghe-mall"
  | "qinghe-power"
  | "cuihu-road"
  | "cuihu-cemetery"
  | "cuihu-landfill";

type DemoFactor = {
  key: FactorKey;
  project: ProjectSlug;
  factorType: string;
  title: string;
  impact: string;
  direction: "N" | "NE" | "E" | "SE" | "S" | "SW" | "W" | "NW";
  distanceM: number;
  mitigation?: string;
  sourceNote?: string;
  /** Days before now when it was first published. */
  publishedDaysAgo?: number;
  /** Published only when the company answers this hand-written complaint (a factor it had failed to disclose). */
  disclosedAnswering?: string;
  /** Later revisions: days ago and the fields that changed. */
  revisions?: { daysAgo: number; distanceM?: number; impact?: string; mitigation?: string }[];
  withdrawn?: { daysAgo: number; reason: string };
};

/** Nearby negative factors, modelled on what real projects have had to disclose. */
export const DEMO_FACTORS: DemoFactor[] = [
  {
    key: "yunqi-railway",
    project: "yunqi-garden",
    factorType: "railway",
    title: "平湖货运铁路",
    impact: "项目东南侧为平湖货运铁路,夜间有货运列车通过,可能有噪音和振动影响,临近的 9、10 栋影响较大。",
    direction: "SE",
    distanceM: 200,
    sourceNote: "铁路线位见市规划局公示图",
    publishedDaysAgo: 420,
    revisions: [{ daysAgo: 210, distanceM: 150, mitigation: "9、10 栋临铁路一侧采用中空隔音玻璃。" }],
  },
  {
    key: "yunqi-waste",
    project: "yunqi-garden",
    factorType: "waste",
    title: "污水沟、小型垃圾站及废品收购站",
    impact: "红线外东南侧有污水沟一条、小型垃圾站三个、废品收购站一个,夏季可能有异味和蚊虫。",
    direction: "SE",
    distanceM: 50,
    publishedDaysAgo: 420,
  },
  {
    key: "yunqi-abandoned",
    project: "yunqi-garden",
    factorType: "abandoned_building",
    title: "烂尾楼及历史遗留垃圾",
    impact: "东北侧有部分烂尾楼及历史遗留垃圾,影响景观,产权不属于本公司,何时处理尚无时间表。",
    direction: "NE",
    distanceM: 300,
    publishedDaysAgo: 420,
  },
  {
    key: "yunqi-tower",
    project: "yunqi-garden",
    factorType: "power",
    title: "通信基站",
    impact: "西侧山坡上有一座移动通信基站。",
    direction: "W",
    distanceM: 400,
    publishedDaysAgo: 420,
    withdrawn: { daysAgo: 40, reason: "运营商已于今年拆除该基站,经现场核实不再存在。" },
  },
  {
    key: "nanshan-road",
    project: "nanshan-one",
    factorType: "road",
    title: "留仙大道",
    impact: "项目北侧紧邻城市主干道留仙大道,车流量大,早晚高峰有交通噪音。",
    direction: "N",
    distanceM: 60,
    mitigation: "临街一侧住宅采用隔音窗,并设置绿化隔离带。",
    publishedDaysAgo: 600,
  },
  {
    key: "nanshan-school",
    project: "nanshan-one",
    factorType: "school_hospital",
    title: "西丽第二小学",
    impact: "东侧为小学,上下学时段接送车辆较多,周边道路拥堵。",
    direction: "E",
    distanceM: 350,
    publishedDaysAgo: 600,
  },
  {
    key: "nanshan-metro",
    project: "nanshan-one",
    factorType: "planned_construction",
    title: "地铁 13 号线施工",
    impact: "南侧为规划地铁线路,预计施工期约三年,施工期间有噪音和扬尘。",
    direction: "S",
    distanceM: 500,
    publishedDaysAgo: 300,
  },
  {
    key: "nanshan-transfer",
    project: "nanshan-one",
    factorType: "waste",
    title: "临时垃圾转运站",
    impact: "西北侧红线外约 80 米为区环卫部门在项目交付后新设的临时垃圾转运站,计划使用两年,清运作业时可能有异味和噪音,5 栋影响较大。",
    direction: "NW",
    distanceM: 80,
    mitigation: "已与环卫部门约定加装除臭设备,清运作业在早上 6 点以后进行。",
    disclosedAnswering: "nanshan-transfer-station",
  },
  {
    key: "binjiang-site",
    project: "binjiang-li",
    factorType: "planned_construction",
    title: "北侧地块在建住宅",
    impact: "北侧地块为其他开发商的在建住宅项目,施工期间可能有噪音,并可能遮挡部分低层住户的视线。",
    direction: "N",
    distanceM: 120,
    publishedDaysAgo: 500,
  },
  {
    key: "binjiang-market",
    project: "binjiang-li",
    factorType: "commercial_noise",
    title: "汉阳夜市",
    impact: "西侧夜市营业至凌晨,周末人流和噪音较大。",
    direction: "W",
    distanceM: 450,
    publishedDaysAgo: 500,
  },
  {
    key: "binjiang-plant",
    project: "binjiang-li",
    factorType: "industry",
    title: "混凝土搅拌站",
    impact: "东北方向有一座混凝土搅拌站,风向不利时可能有粉尘。",
    direction: "NE",
    distanceM: 1300,
    publishedDaysAgo: 500,
  },
  {
    key: "qinghe-road",
    project: "qinghe-yuan",
    factorType: "road",
    title: "回龙观西大街",
    impact: "南侧为城市次干道,有公交线路经过。",
    direction: "S",
    distanceM: 80,
    publishedDaysAgo: 700,
  },
  {
    key: "qinghe-mall",
    project: "qinghe-yuan",
    factorType: "other",
    title: "东侧商业综合体外墙照明",
    impact: "东侧规划商业综合体,外墙可能设置广告照明,夜间可能有光照影响。",
    direction: "E",
    distanceM: 200,
    publishedDaysAgo: 700,
  },
  {
    key: "qinghe-power",
    project: "qinghe-yuan",
    factorType: "power",
    title: "西侧 110 千伏高压线",
    impact: "小区西侧有一条 110 千伏架空高压线,距红线约 90 米,距 12 栋不到 100 米;雨雾天可能有放电声。经有资质的机构检测,工频电场和磁场远低于国家标准限值。",
    direction: "W",
    distanceM: 90,
    sourceNote: "电磁环境检测报告见项目公告栏",
    disclosedAnswering: "qinghe-power-lines",
  },
  {
    key: "cuihu-road",
    project: "cuihu-bay",
    factorType: "road",
    title: "全运路",
    impact: "西侧为城市货运通道全运路,夜间有重型货车通行,临街的 1、2 栋可能有噪音和振动。",
    direction: "W",
    distanceM: 40,
    publishedDaysAgo: 380,
    revisions: [{ daysAgo: 90, mitigation: "已向交通部门申请夜间限行,并计划加装隔音屏。" }],
  },
  {
    key: "cuihu-cemetery",
    project: "cuihu-bay",
    factorType: "cemetery",
    title: "浑南公墓",
    impact: "西北方向有一处公墓。",
    direction: "NW",
    distanceM: 900,
    publishedDaysAgo: 380,
  },
  {
    key: "cuihu-landfill",
    project: "cuihu-bay",
    factorType: "waste",
    title: "生活垃圾填埋场",
    impact: "东南方向约 1.8 公里处有生活垃圾填埋场,在公示范围外,但东南风时可能有异味。",
    direction: "SE",
    distanceM: 1800,
    publishedDaysAgo: 380,
  },
];

/** What becomes of a complaint once the company has delivered (or said it has). */
export type After = "confirm" | "callbackOk" | "callbackNo" | "unreachable" | "unreachableThenOk" | "reopen" | "none";

/** A complaint's course. Every field has a default; times are drawn unless given (hours after posting). */
export type Path = {
  ack?: "onTime" | "late" | "never";
  /** Progress notes before the solution. */
  progress?: number;
  answer?: "onTime" | "late" | "never";
  solution?: "done" | "dated";
  /** Which of the topic's fixes comes first. */
  fix?: 0 | 1;
  /** Exact days from the solution to the promised date. */
  promiseDays?: number;
  promise?: "kept" | "keptLate" | "broken" | "brokenReopened";
  after?: After;
  /** After a reopening, what the second answer is and what follows it. */
  round2?: { solution?: "done" | "dated"; answer?: "onTime" | "late" | "never"; promise?: "kept" | "keptLate"; after?: After };
  invalid?: boolean;
  /** The author's overall score when they confirm. */
  overall?: number;
  /** Exact times, in hours after posting, for the threads the browser tests rely on. */
  ackAt?: number;
  progressAt?: number[];
  solutionAt?: number;
  /** When the author reopens (after "reopen"). */
  reopenAt?: number;
  /** Headquarters posts a supervision note once it holds the complaint. */
  hqNote?: boolean;
};

export type HandWritten = {
  /** A name for cross-references (merge targets, same author). */
  key: string;
  topic: string;
  project: ProjectSlug;
  title: string;
  body: string;
  /** Placeholders of the topic's texts that the complaint already fixes ({b} 3 for "3栋"). */
  vars?: { b?: number; u?: number; r?: string; p?: string };
  /** How long ago it was posted, in days (moved back into the topic's season if needed). */
  ageDays: number;
  /** Months it must fall in, overriding the topic's. */
  months?: number[];
  path: Path;
  /** The author's email, or the key of another hand-written complaint by the same author. */
  author?: string;
  sameAuthorAs?: string;
  /** Other owners' replies: how many, or when (hours after posting). */
  replies?: number | number[];
  meToos?: number;
  /** A reply that staff hide, with the public reason. */
  hiddenReply?: { body: string; reason: string; atHours: number; hiddenAfterHours: number };
  /** A duplicate of another hand-written complaint, merged after this many hours with a public reason. */
  duplicateOf?: { key: string; afterHours: number; reason: string };
};

/**
 * The hand-written complaints. The first few hours' worth are the ones the browser tests
 * rely on: one just posted (acknowledgement pending), one whose acknowledgement is due soon
 * with an owner's reply and no triage, one whose acknowledgement is overdue, one whose answer
 * is due soon, one whose answer is overdue, and one answered late.
 */
export const DEMO_THREADS: HandWritten[] = [
  // 工程质量
  {
    key: "yunqi-wall-leak",
    topic: "wall-leak",
    project: "yunqi-garden",
    author: "owner@example.com",
    vars: { b: 3, r: "1202" },
    ageDays: 120,
    title: "3栋1202 主卧外墙渗水,墙纸发霉",
    body: "收房不到半年,连续几场大雨后主卧靠窗的外墙开始渗水,墙纸起泡发霉。\n\n- 已于上月在物业前台报修,单号 WX-2031\n- 维修师傅来看过一次,说要等天晴再打胶,之后没有下文\n\n请公司给出明确的维修时间,并说明外墙防水是否存在批量问题。",
    path: { progress: 1, solution: "dated", promise: "brokenReopened", round2: { solution: "dated", promise: "kept", after: "callbackOk" } },
    replies: 3,
    meToos: 4,
  },
  {
    key: "yunqi-ceiling",
    topic: "ceiling-uneven",
    project: "yunqi-garden",
    ageDays: 200,
    title: "客厅天花板不平,吊顶后灯带明显歪斜",
    body: "装修公司做吊顶时发现客厅天花板高差将近 2 厘米,灯带装上去肉眼可见是歪的。交房标准写的是“顶棚平整度 ≤ 4mm”,请工程部派人来实测。",
    path: { progress: 1, solution: "dated", promise: "kept", after: "confirm", overall: 5 },
  },
  {
    key: "nanshan-garage-leak",
    topic: "garage-leak",
    project: "nanshan-one",
    vars: { p: "C-118" },
    ageDays: 75,
    title: "地下车库 B2 顶板多处漏水,车被泡",
    body: "B2 层 C 区顶板有三四处在滴水,下雨天更严重。我的车停在 C-118,车顶已经留下水渍。物业只是在下面放了个桶。\n\n这是结构防水问题,不是物业放个桶能解决的。",
    path: { progress: 2, solution: "dated", promise: "keptLate", after: "callbackNo", round2: { solution: "dated", promise: "kept", after: "callbackOk" } },
    replies: 4,
    meToos: 7,
  },
  {
    key: "nanshan-garage-leak-again",
    topic: "garage-leak",
    project: "nanshan-one",
    vars: { p: "C-121" },
    ageDays: 73.6,
    title: "B2 层 C 区车库顶还在滴水,车位 C-121 也被淋",
    body: "B2 层 C 区靠近 C-121 的顶板也在滴水,地上全是水,今天差点滑倒。请尽快处理。",
    path: {},
    replies: 0,
    duplicateOf: {
      key: "nanshan-garage-leak",
      afterHours: 0.7,
      reason: "与原帖是同一处 B2 层 C 区顶板渗漏,合并到原帖统一处理,进展和答复请看原帖。",
    },
  },
  {
    key: "binjiang-bathroom",
    topic: "bathroom-waterproof",
    project: "binjiang-li",
    vars: { b: 8 },
    ageDays: 150,
    title: "8栋多户卫生间地面返潮,怀疑防水层没做好",
    body: "我们楼好几户都出现卫生间门口地板返潮、踢脚线发黑。拆开地板看,找平层是湿的。希望公司组织统一排查,而不是一户一户地推。",
    path: { progress: 1, solution: "dated", promise: "kept", after: "callbackOk" },
    replies: 3,
    meToos: 5,
    hiddenReply: {
      body: "专业做卫生间防水堵漏十五年,不砸砖免费上门检测,有需要的业主直接打我电话 139 8627 5531(微信同号)。",
      reason: "含个人联系方式和广告",
      atHours: 9,
      hiddenAfterHours: 2.5,
    },
  },
  {
    key: "qinghe-window",
    topic: "window-seal",
    project: "qinghe-yuan",
    months: [11, 12, 1, 2],
    ageDays: 300,
    title: "阳台推拉门关不严,冬天漏风",
    body: "北京冬天风大,阳台推拉门关上后上方还有一条缝,能感觉到明显的风。维修人员调过一次,一周后又恢复原样。请更换合页或整扇门。",
    path: {
      ack: "late",
      hqNote: true,
      solution: "dated",
      promise: "kept",
      after: "reopen",
      round2: { solution: "dated", promise: "kept", after: "confirm" },
      overall: 3,
    },
  },
  {
    key: "cuihu-heating",
    topic: "heating",
    project: "cuihu-bay",
    ageDays: 40,
    title: "暖气片不热,室温只有 14 度",
    body: "已经供暖半个月了,家里暖气片上热下凉,室温只有 14 度左右。热力公司说户内管道是开发商施工的,让找开发商。请尽快安排人员检查管道是否有堵塞或坡度问题。",
    path: { progress: 1, solution: "done", after: "callbackNo", round2: { solution: "dated", promise: "kept", after: "confirm" }, overall: 4 },
    replies: 4,
    meToos: 3,
  },
  {
    key: "yunqi-door",
    topic: "door-frame",
    project: "yunqi-garden",
    author: "owner@example.com",
    vars: { b: 3, r: "1202" },
    ageDays: 240,
    title: "入户门框开裂,交房时就有的问题一直没修",
    body: "交房验收时就在验房单上写了入户门框右侧开裂,当时说一个月内修好。现在已经四个月了,裂缝越来越长。验房单照片附上链接:[验房单](https://example.com/photo/1202.jpg)。",
    path: { solution: "dated", promise: "kept", after: "callbackOk" },
  },
  {
    // Acknowledgement due soon, one owner's reply, not yet triaged.
    key: "nanshan-tiles",
    topic: "tile-hollow",
    project: "nanshan-one",
    ageDays: 2.2 / 24,
    title: "厨房墙砖空鼓,敲起来声音是空的",
    body: "厨房墙面至少有 6 块瓷砖空鼓,其中一块已经松动。担心掉下来砸到人。请安排重新铺贴。",
    path: { ack: "never" },
    replies: [1.1],
  },
  {
    // Acknowledgement overdue: the breach is on record and headquarters holds it.
    key: "binjiang-elevator",
    topic: "elevator",
    project: "binjiang-li",
    vars: { b: 12, u: 2 },
    ageDays: 5 / 24,
    title: "电梯频繁停运,一周困人两次",
    body: "12 栋 2 号电梯这周已经两次困人,其中一次是老人和小孩。请公司说明电梯品牌、维保单位,以及什么时候能彻底检修。",
    path: { ack: "never" },
    replies: [1.4, 3.3],
    meToos: 6,
  },
  // 规划设计
  {
    key: "yunqi-playground",
    topic: "plan-change",
    project: "yunqi-garden",
    ageDays: 280,
    title: "售楼时沙盘上的儿童游乐区变成了停车位",
    body: "买房时沙盘和楼书上 6 栋和 7 栋之间是儿童游乐区,现在实际做成了地面停车位。请公司说明规划变更是否报批、是否公示,以及有没有补救方案。",
    path: { progress: 2, solution: "dated", promise: "keptLate", after: "callbackOk" },
    replies: 4,
    meToos: 8,
  },
  {
    key: "nanshan-garbage-room",
    topic: "garbage-room",
    project: "nanshan-one",
    vars: { b: 2 },
    ageDays: 110,
    title: "垃圾房设在 2 栋窗下,夏天气味很大",
    body: "小区垃圾房紧贴 2 栋一楼,距离窗户不到 10 米。夏天气味很大,蚊虫也多。总图上这个位置原本标的是“设备用房”。希望重新选址。",
    path: { solution: "dated", promise: "kept", after: "callbackOk" },
  },
  {
    // A promise running for weeks yet.
    key: "binjiang-charging",
    topic: "ev-charging",
    project: "binjiang-li",
    ageDays: 10,
    title: "非机动车充电桩数量严重不足",
    body: "全小区 1800 户,只有 40 个电动车充电位,晚上大家只能拉线到楼道里充电,非常危险。请增加充电桩。",
    path: { progress: 1, solution: "dated", promiseDays: 32 },
    replies: 3,
    meToos: 6,
  },
  {
    key: "qinghe-bay-window",
    topic: "layout-mismatch",
    project: "qinghe-yuan",
    ageDays: 220,
    title: "户型图上的飘窗实际只有一半深",
    body: "合同附图上次卧飘窗进深 60 厘米,实际量只有 32 厘米。差得太多,请给出解释。",
    path: { answer: "late", hqNote: true, progress: 1, solution: "dated", promise: "kept", after: "unreachableThenOk" },
  },
  {
    // A promise broken and not yet followed up: past its date, escalated to headquarters.
    key: "cuihu-entrance",
    topic: "entrance",
    project: "cuihu-bay",
    ageDays: 42,
    title: "小区只有一个出入口,早高峰堵车半小时",
    body: "翠湖湾二期入住后,小区仍然只有南门一个车辆出入口,早上 7:30-8:30 排队出库要半小时。规划上的北门什么时候开?",
    path: { progress: 1, solution: "dated", promiseDays: 35, promise: "broken", hqNote: true },
    replies: 4,
    meToos: 7,
  },
  {
    key: "yunqi-clubhouse",
    topic: "clubhouse",
    project: "yunqi-garden",
    ageDays: 24,
    title: "会所泳池一直不开放",
    body: "宣传时的会所泳池是卖点之一,交房一年了还没开放,问物业说“在等验收”。请给个准确时间。",
    path: { solution: "dated", promiseDays: 14, promise: "brokenReopened", round2: { solution: "dated", answer: "late" } },
    replies: 2,
    meToos: 4,
  },
  {
    key: "nanshan-ramp",
    topic: "accessibility",
    project: "nanshan-one",
    vars: { b: 1 },
    ageDays: 88,
    title: "无障碍坡道太陡,轮椅上不去",
    body: "1 栋大堂的无障碍坡道太陡,我家老人坐轮椅,家人推都很吃力。按规范坡度不应大于 1:12,请复核。",
    path: { solution: "dated", promise: "kept", after: "confirm", overall: 5 },
  },
  // 销售管理
  {
    key: "binjiang-school",
    topic: "school-promise",
    project: "binjiang-li",
    ageDays: 330,
    title: "销售承诺的学位没有兑现",
    body: "购房时置业顾问多次口头承诺“对口区重点小学”,现在教育局公布的学区划分里根本没有我们小区。我们有当时的微信聊天记录。请公司给个说法。",
    path: { progress: 2, solution: "dated", promise: "kept", after: "callbackNo", round2: { solution: "dated", promise: "kept", after: "callbackOk" } },
    replies: 5,
    meToos: 9,
  },
  {
    key: "qinghe-contract",
    topic: "contract-delay",
    project: "qinghe-yuan",
    ageDays: 260,
    title: "网签拖了三个月,影响公积金贷款",
    body: "定金交了三个月,网签一直拖着,理由一会儿是系统问题,一会儿是材料不全。现在公积金政策要变,再拖下去贷款额度会受影响。",
    path: { solution: "dated", promise: "kept", after: "confirm", overall: 4 },
  },
  {
    key: "cuihu-bundle",
    topic: "parking-bundle",
    project: "cuihu-bay",
    ageDays: 340,
    title: "车位捆绑销售,不买车位不给选房",
    body: "开盘当天销售说必须同时认购车位才能选到 10 层以上的房源。这是明显的捆绑销售。请公司核实并纠正。",
    path: { progress: 1, solution: "dated", promise: "keptLate", after: "callbackOk" },
    meToos: 5,
  },
  {
    key: "yunqi-fitout",
    topic: "fitout-standard",
    project: "yunqi-garden",
    ageDays: 190,
    title: "精装修标准与样板间差距很大",
    body: "样板间的橱柜是石英石台面,交房是人造石;样板间的地板是实木复合,交房是强化地板。合同装修标准写得很含糊。请给出交付标准清单。",
    path: { solution: "dated", promise: "kept", after: "reopen", round2: { solution: "dated", promise: "kept", after: "confirm" }, overall: 3 },
    replies: 2,
    meToos: 5,
  },
  {
    // A promise due in a few days.
    key: "nanshan-certificate",
    topic: "property-certificate",
    project: "nanshan-one",
    ageDays: 25,
    title: "房产证办了一年半还没下来",
    body: "2024 年交房,说好一年内办证,现在一年半了还没消息,孩子上学要用房产证。请告知办证进度和具体原因。",
    path: { progress: 1, solution: "dated", promiseDays: 28 },
    replies: 3,
    meToos: 6,
  },
  {
    key: "binjiang-area",
    topic: "area-difference",
    project: "binjiang-li",
    ageDays: 125,
    title: "面积差超过 3% 却不按合同退款",
    body: "实测面积比合同面积少了 3.4 平方米,超过 3%。合同约定超出部分双倍返还,销售却说只能按单价退。请法务部门核实。",
    path: { solution: "dated", promise: "kept", after: "callbackOk" },
  },
  {
    // Judged invalid, with its public reason.
    key: "qinghe-mortgage",
    topic: "mortgage-bank",
    project: "qinghe-yuan",
    ageDays: 170,
    title: "按揭银行被指定,利率比别家高",
    body: "售楼处说只能在指定的两家银行办按揭,但这两家利率都比其他银行高 0.2 个百分点。开发商有没有权利指定银行?",
    path: { invalid: true, solution: "done", after: "callbackOk" },
  },
  // 物业管理
  {
    // Delivered, awaiting the author's word or a call-back.
    key: "yunqi-gate",
    topic: "security",
    project: "yunqi-garden",
    author: "owner@example.com",
    ageDays: 12,
    title: "小区门禁形同虚设,外卖快递随意进出",
    body: "最近小区发生两起电动车被盗,门禁卡不刷也能进,保安经常不在岗。希望物业加强管理,并公开监控调取流程。",
    path: { solution: "dated", promiseDays: 6, promise: "kept", after: "none" },
    replies: 2,
    meToos: 3,
  },
  {
    key: "nanshan-garage-lights",
    topic: "garage-lights",
    project: "nanshan-one",
    vars: { u: 1 },
    ageDays: 80,
    title: "地下车库灯坏了一个月没人修",
    body: "B1 层 A 区有十几盏灯坏了,晚上黑漆漆的,很不安全。物业回复“已报修”,但一个月没动静。",
    path: { solution: "done", after: "callbackOk" },
  },
  {
    key: "binjiang-green",
    topic: "green-to-parking",
    project: "binjiang-li",
    ageDays: 230,
    title: "绿化带被改成收费停车位",
    body: "物业把 3 栋旁边的绿化带铺成了水泥地,划了 12 个临时车位收费。这改变了公共部分用途,需要业主大会同意吧?",
    path: { solution: "dated", promise: "kept", after: "callbackOk" },
    meToos: 4,
  },
  {
    key: "qinghe-cleaning",
    topic: "cleaning",
    project: "qinghe-yuan",
    vars: { b: 9, u: 2 },
    ageDays: 140,
    title: "保洁不到位,楼道一周没拖",
    body: "9 栋 2 单元楼道已经一周没有拖过,电梯里还有宠物便溺。物业费每月 3.2 元/平米,服务却跟不上。",
    path: { solution: "done", after: "reopen", round2: { solution: "dated", promise: "kept", after: "confirm" }, overall: 4 },
  },
  {
    key: "cuihu-ice",
    topic: "snow-ice",
    project: "cuihu-bay",
    vars: { b: 4 },
    ageDays: 60,
    title: "冬季道路结冰无人清理,老人摔倒",
    body: "前天下雪后,小区主路和 4 栋门口的坡道结冰,一直没人撒盐清理,昨天有位老人摔倒骨折。请物业立即处理。",
    path: { ackAt: 0.4, solution: "done", after: "confirm", overall: 3 },
    replies: 3,
    meToos: 5,
  },
  {
    key: "yunqi-renovation",
    topic: "renovation-noise",
    project: "yunqi-garden",
    vars: { b: 11 },
    ageDays: 95,
    title: "装修噪音周末早上 8 点就开始",
    body: "装修管理规定写周末只能 9:00-12:00 施工,但 11 栋好几户早上 8 点就开始电钻。投诉物业后没有任何处理。",
    path: { solution: "dated", promise: "kept", after: "callbackOk" },
  },
  {
    // A promise due today.
    key: "nanshan-accounts",
    topic: "accounts",
    project: "nanshan-one",
    ageDays: 14.3,
    title: "物业费账目不公开",
    body: "业主多次要求公开公共收益(广告、停车)的账目,物业一直说“在整理”。请按规定每半年公示一次。",
    path: { solution: "dated", solutionAt: 5, promiseDays: 14 },
    replies: 2,
    meToos: 3,
  },
  {
    key: "binjiang-pool",
    topic: "pool-water",
    project: "binjiang-li",
    ageDays: 130,
    title: "小区游泳池水质浑浊",
    body: "暑假开放的泳池水质很浑,小孩游完身上起红疹。请公布水质检测报告。",
    path: { progress: 1, solution: "dated", promise: "kept", after: "callbackOk" },
  },
  // 客户服务
  {
    // Answered late, a few hours after its deadline.
    key: "qinghe-hotline",
    topic: "hotline",
    project: "qinghe-yuan",
    ageDays: 30 / 24,
    title: "客服电话永远打不通",
    body: "400 客服电话连续三天打不通,要么忙音,要么转到语音留言后没人回电。请问到底应该通过什么渠道反映问题?",
    path: { ackAt: 1.5, progressAt: [6], answer: "late", solutionAt: 15, solution: "done", fix: 1, after: "none" },
    replies: [4, 20],
  },
  {
    // Reopened by its author a few hours ago: a new answer clock runs.
    key: "cuihu-attitude",
    topic: "repair-attitude",
    project: "cuihu-bay",
    ageDays: 4,
    title: "维修人员态度恶劣,说“爱修不修”",
    body: "上周报修卫生间下水,维修师傅来了说这是“业主使用不当”,我质疑了一句,他就说“爱修不修”然后走了。请公司严肃处理。",
    path: { solutionAt: 6, solution: "dated", promiseDays: 2, promise: "kept", after: "reopen", reopenAt: 89, round2: { answer: "never" } },
    replies: [3, 30],
  },
  {
    key: "yunqi-documents",
    topic: "handover-docs",
    project: "yunqi-garden",
    ageDays: 160,
    title: "交房资料里缺少《住宅使用说明书》",
    body: "收房时拿到的资料袋里只有质量保证书,没有住宅使用说明书。问客服,说“以前都没有给”。按规定应该两书齐全。",
    path: { solution: "dated", promise: "kept", after: "callbackOk" },
  },
  {
    // The call-back could not reach the owner: still awaiting it.
    key: "nanshan-appointments",
    topic: "repair-rescheduling",
    project: "nanshan-one",
    ageDays: 9,
    title: "维修预约总是改期",
    body: "约好周六上午来修漏水,我请了假在家等,结果临时通知改到下周。这已经是第三次了。",
    path: { solution: "dated", promiseDays: 3, promise: "kept", after: "unreachable" },
  },
  {
    key: "binjiang-retaliation",
    topic: "retaliation",
    project: "binjiang-li",
    sameAuthorAs: "binjiang-school",
    ageDays: 318,
    title: "投诉后被销售在业主群里点名",
    body: "我在论坛上发帖投诉学位问题后,销售经理在业主群里阴阳怪气地点我的门牌号。这是对投诉人的打击报复吗?",
    path: { solution: "dated", promise: "kept", after: "confirm", overall: 4 },
    replies: 3,
    meToos: 6,
  },
  {
    key: "cuihu-parking-certificate",
    topic: "parking-certificate",
    project: "cuihu-bay",
    ageDays: 180,
    title: "办理车位产权证无人对接",
    body: "车位款全部付清一年了,问车位产权证怎么办,客服让找销售,销售说已离职,新的对接人没人知道是谁。",
    path: { solution: "dated", promise: "keptLate", after: "callbackOk" },
  },
  // 其他/外部环境
  {
    key: "yunqi-railway",
    topic: "railway-noise",
    project: "yunqi-garden",
    vars: { b: 9 },
    ageDays: 260,
    title: "小区东南侧铁路夜间货车噪音太大",
    body: "东南侧的铁路夜里 1-4 点经常有货车经过,鸣笛声非常大,临近的 9、10 栋基本睡不着。买房时销售只说“偶尔有火车”。请公司说明当时是否公示了铁路噪音的影响,以及能否加装隔音设施。",
    path: { progress: 1, solution: "dated", promise: "kept", after: "callbackOk" },
    replies: 4,
    meToos: 6,
  },
  {
    key: "nanshan-transfer-station",
    topic: "waste-station",
    project: "nanshan-one",
    vars: { b: 5 },
    ageDays: 135,
    title: "红线外的临时垃圾转运站臭味扰民",
    body: "小区西北侧红线外新建了一个临时垃圾转运站,离 5 栋大约 80 米,早晚气味很重。请公司与街道沟通,并告知这个站是否在购房时就已规划。",
    path: { progress: 1, solution: "dated", promise: "kept", after: "callbackOk" },
    replies: 2,
    meToos: 4,
  },
  {
    // Answer overdue: headquarters holds it and says so.
    key: "binjiang-night-works",
    topic: "construction-noise",
    project: "binjiang-li",
    ageDays: 20 / 24,
    title: "对面工地夜间施工,凌晨还在打桩",
    body: "小区北面的地块在施工,凌晨 1 点还在打桩。已经打过 12345,但情况没有改善。希望开发商作为邻近项目方也帮忙协调。",
    path: { ackAt: 2, progressAt: [16], answer: "never", hqNote: true },
    replies: [3, 9, 15],
    meToos: 5,
  },
  {
    key: "qinghe-power-lines",
    topic: "power-lines",
    project: "qinghe-yuan",
    vars: { b: 12 },
    ageDays: 70,
    title: "小区西侧高压线,担心电磁辐射",
    body: "小区西侧有一条高压线,离 12 栋不到 100 米。买房时没有任何人提过。请公司提供电磁环境检测报告。",
    path: { progress: 1, solution: "dated", promise: "kept", after: "callbackOk" },
    replies: 3,
    meToos: 5,
  },
  {
    // Answer due soon.
    key: "cuihu-trucks",
    topic: "truck-noise",
    project: "cuihu-bay",
    vars: { b: 1 },
    ageDays: 11.4 / 24,
    title: "全运路重型货车通行,震得窗户响",
    body: "小区旁边的全运路晚上有大量重型货车经过,临街 1、2 栋窗户都在震。能否协调加装隔音屏?",
    path: { ackAt: 1, progressAt: [6], answer: "never" },
    replies: [2, 5],
  },
  {
    key: "binjiang-decorator",
    topic: "partner-decorator",
    project: "binjiang-li",
    ageDays: 210,
    title: "合作装修公司跑路,定金退不回来",
    body: "交房时开发商推荐的“战略合作装修公司”收了定金后跑路。既然是开发商推荐的,开发商是否应当承担一定责任?",
    path: { fix: 1, solution: "dated", promise: "keptLate", after: "confirm", overall: 3 },
    replies: 3,
    meToos: 4,
  },
  {
    // Just posted: both clocks pending, no replies yet.
    key: "qinghe-screen",
    topic: "led-screen",
    project: "qinghe-yuan",
    ageDays: 0.15 / 24,
    title: "旁边商场外墙大屏晚上太亮",
    body: "小区东侧新开的商场外墙装了巨大的 LED 屏,晚上 11 点还在播广告,光线直射卧室。",
    path: { ack: "never" },
    replies: 0,
  },
];
